import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProductImage } from '../../components/product-image.tsx';
import { StockLabel } from '../../components/stock-label.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { useProduct } from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';

/** One product: its picture beside name, price, stock words and the cart form (stacked on a phone). */
export function ProductPage() {
  const id = useParams().id ?? '';
  const product = useProduct(id);
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  if (product.isPending) return <Skeleton label="Loading the product" rows={4} />;
  if (product.isLoadingError || !product.data.active) {
    return (
      <section>
        <PageHeading title="Product not found" />
        <p>This product is not for sale, or the link is mistyped.</p>
        <Link to="/">Back to the catalog</Link>
      </section>
    );
  }
  const p = product.data;
  const max = Math.min(p.stock, 1000);
  return (
    <article aria-labelledby="product-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link to="/">Catalog</Link> <span aria-hidden="true">/</span> <span>{p.name}</span>
      </nav>
      <div className="grid gap-6 md:grid-cols-2">
        <ProductImage url={p.imageUrl} className="max-h-96" />
        <div className="flex flex-col gap-2">
          <PageHeading id="product-title" title={p.name} />
          <p className="m-0 text-xl font-semibold">{formatMoney(p.priceCents, p.currency)}</p>
          <StockLabel stock={p.stock} />
          {p.description && <p className="break-words">{p.description}</p>}
          <p className="m-0 text-sm text-muted-foreground">SKU {p.sku}</p>
          <form
            className="mt-2 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              cart.add(p, quantity);
              setAdded(true);
            }}
          >
            <Field id="quantity" label="Quantity">
              <Input
                id="quantity"
                type="number"
                min={1}
                max={Math.max(1, max)}
                value={quantity}
                onChange={(e) => setQuantity(Math.max(1, Math.min(max, Number(e.target.value) || 1)))}
                className="w-24"
              />
            </Field>
            <Button type="submit" disabled={p.stock === 0}>
              Add to cart
            </Button>
            <WishButton product={p} />
          </form>
          <p role="status">
            {added && (
              <>
                Added to your cart. <Link to="/cart">View cart</Link>
              </>
            )}
          </p>
        </div>
      </div>
    </article>
  );
}
