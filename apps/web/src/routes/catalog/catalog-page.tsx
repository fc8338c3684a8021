import { useState, type FormEvent } from 'react';
import { formatMoney } from '../../lib/api.ts';
import { useCart } from '../../hooks/api/cart.ts';
import { useProducts } from '../../hooks/api/products.ts';

export function CatalogPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const products = useProducts(q);
  const cart = useCart();
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];

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
      {products.isPending && <p aria-busy="true">Loading products…</p>}
      {products.isError && <p role="alert">Could not load the catalog: {products.error.message}</p>}
      {products.isSuccess && items.length === 0 && <p>No products match “{q}”.</p>}
      <ul className="grid">
        {items.map((product) => (
          <li key={product.id} className="card">
            <h2>{product.name}</h2>
            <p className="price">{formatMoney(product.priceCents, product.currency)}</p>
            <p className={product.stock > 0 ? 'stock' : 'stock out'}>
              {product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}
            </p>
            <button type="button" disabled={product.stock === 0} onClick={() => cart.add(product)}>
              Add {product.name} to cart
            </button>
          </li>
        ))}
      </ul>
      {products.hasNextPage && (
        <button
          type="button"
          onClick={() => void products.fetchNextPage()}
          disabled={products.isFetchingNextPage}
        >
          {products.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
    </section>
  );
}
