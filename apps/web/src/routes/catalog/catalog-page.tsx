import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import { StockLabel } from '../../components/stock-label.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { formatMoney } from '../../lib/api.ts';
import { useCart } from '../../hooks/api/cart.ts';
import { useProducts } from '../../hooks/api/products.ts';

export function CatalogPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const products = useProducts(q);
  const cart = useCart();

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <form role="search" onSubmit={search} className="search">
        <label htmlFor="catalog-search">Search products</label>
        <input id="catalog-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ListState list={products} what="products" empty={`No products match “${q}”.`} />
      <ul className="grid">
        {products.items.map((product) => (
          <li key={product.id} className="card">
            <h2>
              <Link to={`/products/${product.id}`}>{product.name}</Link>
            </h2>
            <p className="price">{formatMoney(product.priceCents, product.currency)}</p>
            <StockLabel stock={product.stock} />
            <div className="actions">
              <button type="button" disabled={product.stock === 0} onClick={() => cart.add(product)}>
                Add {product.name} to cart
              </button>
              <WishButton product={product} />
            </div>
          </li>
        ))}
      </ul>
      <ShowMore list={products} />
    </section>
  );
}
