import { PageHeading } from '../../components/page-heading.tsx';
import { useState, type FormEvent } from 'react';
import type { Product } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import {
  useAdjustStock,
  useAdminProducts,
  useCreateProduct,
  useUpdateProduct,
} from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';
import { TextField } from '../../components/field.tsx';

const toCents = (price: string) => Math.round(Number(price) * 100);

export function ProductsPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const products = useAdminProducts(q);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="products-title">
      <AdminNav />
      <PageHeading id="products-title" title="Products and stock" />
      <NewProduct />
      <h2>Catalog</h2>
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(draft.trim());
        }}
      >
        <TextField
          id="admin-product-search"
          label="Search by name or SKU"
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <ListState list={products} what="products" empty="No products match." />
      <ul className="rows">
        {products.items.map((p) => (
          <li key={p.id} className="editable">
            <span>{p.name}</span>
            <span>{p.sku}</span>
            <span>{formatMoney(p.priceCents, p.currency)}</span>
            <span>{p.stock} in stock</span>
            {!p.active && <span className="stock out">archived</span>}
            <button
              type="button"
              className="secondary"
              aria-expanded={editing === p.id}
              onClick={() => setEditing(editing === p.id ? null : p.id)}
            >
              {editing === p.id ? 'Close' : 'Edit'} <span className="visually-hidden">{p.name}</span>
            </button>
            {editing === p.id && <ProductEditor product={p} />}
          </li>
        ))}
      </ul>
      <ShowMore list={products} />
    </section>
  );
}

function NewProduct() {
  const create = useCreateProduct();
  const [form, setForm] = useState({ sku: '', name: '', price: '', stock: '0' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        sku: form.sku.trim(),
        name: form.name.trim(),
        priceCents: toCents(form.price),
        stock: Number(form.stock),
      },
      { onSuccess: () => setForm({ sku: '', name: '', price: '', stock: '0' }) },
    );
  };
  return (
    <form onSubmit={submit} className="stack narrow" aria-labelledby="new-product-title">
      <h2 id="new-product-title">New product</h2>
      <TextField
        id="product-sku"
        label="SKU"
        value={form.sku}
        onChange={(e) => setForm({ ...form, sku: e.target.value })}
        required
        pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
      />
      <TextField
        id="product-name"
        label="Name"
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        required
        maxLength={200}
      />
      <TextField
        id="product-price"
        label="Price"
        type="number"
        min="0"
        step="0.01"
        value={form.price}
        onChange={(e) => setForm({ ...form, price: e.target.value })}
        required
      />
      <TextField
        id="product-stock"
        label="Initial stock"
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
  );
}

/** Edits one product: its details, archiving, and stock moves with a reason for the ledger. */
function ProductEditor({ product }: { product: Product }) {
  const update = useUpdateProduct();
  const adjust = useAdjustStock();
  const [form, setForm] = useState({
    name: product.name,
    price: (product.priceCents / 100).toFixed(2),
    description: product.description,
  });
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const id = product.id;
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id,
      name: form.name.trim(),
      priceCents: toCents(form.price),
      description: form.description,
    });
  };
  const move = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate(
      { id, delta: Number(delta), reason: reason.trim() },
      { onSuccess: () => (setDelta(''), setReason('')) },
    );
  };
  const error = update.error ?? adjust.error;
  return (
    <div className="editor">
      <form onSubmit={save} className="stack" aria-label={`Details of ${product.name}`}>
        <TextField
          id={`name-${id}`}
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          required
          maxLength={200}
        />
        <TextField
          id={`price-${id}`}
          label="Price"
          type="number"
          min="0"
          step="0.01"
          value={form.price}
          onChange={(e) => setForm({ ...form, price: e.target.value })}
          required
        />
        <label htmlFor={`description-${id}`}>Description</label>
        <textarea
          id={`description-${id}`}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
          maxLength={5000}
        />
        <div className="actions">
          <button type="submit" disabled={update.isPending}>
            Save product
          </button>
          <button
            type="button"
            className="secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ id, active: !product.active })}
          >
            {product.active ? 'Archive' : 'Restore'}
          </button>
        </div>
      </form>
      <form onSubmit={move} className="stack" aria-label={`Stock of ${product.name}`}>
        <TextField
          id={`delta-${id}`}
          label="Stock change (+ received, − written off)"
          type="number"
          step="1"
          value={delta}
          onChange={(e) => setDelta(e.target.value)}
          required
        />
        <TextField
          id={`reason-${id}`}
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={200}
        />
        <button type="submit" disabled={adjust.isPending || Number(delta) === 0}>
          Adjust stock
        </button>
      </form>
      {error && <p role="alert">{error.message}</p>}
      {!error && (update.isSuccess || adjust.isSuccess) && <p role="status">Saved.</p>}
    </div>
  );
}
