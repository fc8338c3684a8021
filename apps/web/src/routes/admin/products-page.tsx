import { useState, type FormEvent } from 'react';
import { useAdminProducts, useCreateProduct } from '../../hooks/api/admin.ts';
import { formatMoney } from '../../lib/api.ts';

export function ProductsPage() {
  const products = useAdminProducts();
  const create = useCreateProduct();
  const [form, setForm] = useState({ sku: '', name: '', price: '', stock: '0' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        sku: form.sku.trim(),
        name: form.name.trim(),
        priceCents: Math.round(Number(form.price) * 100),
        stock: Number(form.stock),
      },
      { onSuccess: () => setForm({ sku: '', name: '', price: '', stock: '0' }) },
    );
  };
  return (
    <section aria-labelledby="products-title">
      <h1 id="products-title">Products and stock</h1>
      <form onSubmit={submit} className="stack narrow" aria-labelledby="new-product-title">
        <h2 id="new-product-title">New product</h2>
        <label htmlFor="product-sku">SKU</label>
        <input
          id="product-sku"
          value={form.sku}
          onChange={(e) => setForm({ ...form, sku: e.target.value })}
          required
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
        />
        <label htmlFor="product-name">Name</label>
        <input
          id="product-name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          required
          maxLength={200}
        />
        <label htmlFor="product-price">Price</label>
        <input
          id="product-price"
          type="number"
          min="0"
          step="0.01"
          value={form.price}
          onChange={(e) => setForm({ ...form, price: e.target.value })}
          required
        />
        <label htmlFor="product-stock">Initial stock</label>
        <input
          id="product-stock"
          type="number"
          min="0"
          step="1"
          value={form.stock}
          onChange={(e) => setForm({ ...form, stock: e.target.value })}
          required
        />
        {create.error && <p role="alert">{create.error.message}</p>}
        {create.isSuccess && <p role="status">Created {create.data.name}.</p>}
        <button type="submit" disabled={create.isPending}>
          Create product
        </button>
      </form>
      <h2>Catalog</h2>
      {products.isPending && <p aria-busy="true">Loading products…</p>}
      <ul className="rows">
        {products.data?.items.map((p) => (
          <li key={p.id}>
            <span>{p.name}</span>
            <span>{p.sku}</span>
            <span>{formatMoney(p.priceCents, p.currency)}</span>
            <span>{p.stock} in stock</span>
            {!p.active && <span className="stock out">archived</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
