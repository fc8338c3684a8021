import { PageHeading } from '../../components/page-heading.tsx';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Skeleton } from '../../components/list-state.tsx';
import { StockLabel } from '../../components/stock-label.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { useProduct } from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';

export function ProductPage() {
  const id = useParams().id ?? '';
  const product = useProduct(id);
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  if (product.isPending) return <Skeleton label="Loading the product" rows={4} />;
  if (product.isLoadingError || !product.data.active) {
    return (
      <p role="alert">
        This product is not for sale. <Link to="/">Back to the catalog</Link>
      </p>
    );
  }
  const p = product.data;
  const max = Math.min(p.stock, 1000);
  return (
    <article aria-labelledby="product-title" className="product">
      <p>
        <Link to="/">← Catalog</Link>
      </p>
      {p.imageUrl && <img src={p.imageUrl} alt="" className="product-image" />}
      <PageHeading id="product-title" title={p.name} />
      <p className="price">{formatMoney(p.priceCents, p.currency)}</p>
      <StockLabel stock={p.stock} />
      {p.description && <p>{p.description}</p>}
      <p className="muted">SKU {p.sku}</p>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          cart.add(p, quantity);
          setAdded(true);
        }}
      >
        <label htmlFor="quantity">Quantity</label>
        <input
          id="quantity"
          type="number"
          min={1}
          max={Math.max(1, max)}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.min(max, Number(e.target.value) || 1)))}
          className="quantity"
        />
        <button type="submit" disabled={p.stock === 0}>
          Add to cart
        </button>
        <WishButton product={p} />
      </form>
      <p role="status">
        {added && (
          <>
            Added to your cart. <Link to="/cart">View cart</Link>
          </>
        )}
      </p>
    </article>
  );
}
