import { PageHeading } from '../../components/page-heading.tsx';
import { useMemo, useState, type FormEvent } from 'react';
import type { Product } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterInput } from '../../components/filter-form.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field } from '../../components/ui/field.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import {
  useAdjustStock,
  useAdminProducts,
  useArchiveProducts,
  useCreateProduct,
  useUpdateProduct,
  type ArchiveResult,
} from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';
import { useUrlFilter } from '../../lib/url-state.ts';
import { TextField } from '../../components/field.tsx';
import { DownloadButton } from '../../components/download-button.tsx';
import { ProductImport } from './product-import.tsx';
import { StockHistory } from './stock-history.tsx';

const toCents = (price: string) => Math.round(Number(price) * 100);

const col = columnsOf<Product>();

export function ProductsPage() {
  const [filter, setFilter] = useUrlFilter(['q']);
  const products = useAdminProducts(filter.q);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = products.items.find((p) => p.id === editing);
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('name', { header: 'Name', meta: { alwaysShown: true } }),
        col.accessor('sku', { header: 'SKU' }),
        col.accessor('priceCents', {
          header: 'Price',
          cell: ({ row }) => formatMoney(row.original.priceCents, row.original.currency),
        }),
        col.accessor('stock', { header: 'Stock' }),
        col.accessor('active', {
          header: 'Status',
          cell: ({ getValue }) =>
            getValue() ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Archived</Badge>,
        }),
        col.display({
          id: 'edit',
          header: 'Actions',
          meta: { alwaysShown: true, noCardLabel: true },
          cell: ({ row }) => (
            <Button variant="secondary" size="sm" onClick={() => setEditing(row.original.id)}>
              Edit <span className="sr-only">{row.original.name}</span>
            </Button>
          ),
        }),
      ]),
    [],
  );
  return (
    <section aria-labelledby="products-title">
      <AdminNav />
      <PageHeading id="products-title" title="Products and stock" />
      <NewProduct />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2>Catalog</h2>
        <div className="flex flex-wrap gap-2">
          <DownloadButton path="/products/export.csv" busyLabel="Exporting…">
            Export CSV
          </DownloadButton>
          <ProductImport />
        </div>
      </div>
      <FilterForm filter={filter} onApply={setFilter} submitLabel="Search">
        <FilterInput
          id="admin-product-search"
          label="Search by name or SKU"
          type="search"
          name="q"
          filter={filter}
        />
      </FilterForm>
      <PagedTable
        list={products}
        what="products"
        empty="No products match."
        columns={columns}
        caption="Products, archived ones too"
        captionHidden
        getRowId={(p) => p.id}
        rowName={(p) => p.name}
        bulkActions={(selected, select) => <ArchiveSelected products={selected} select={select} />}
      />
      {edited && (
        <Dialog open onOpenChange={(open) => !open && setEditing(null)} title={`Edit ${edited.name}`} wide>
          <ProductEditor product={edited} />
          <StockHistory product={edited} />
          <Button variant="secondary" className="self-end" onClick={() => setEditing(null)}>
            Done
          </Button>
        </Dialog>
      )}
    </section>
  );
}

/**
 * Archives the selected products that are not archived yet, then says what worked and what did
 * not; the ones that failed stay selected, to try again.
 */
function ArchiveSelected({ products, select }: { products: Product[]; select: (ids: string[]) => void }) {
  const archive = useArchiveProducts();
  const active = products.filter((p) => p.active);
  const run = () =>
    archive.mutate(active, {
      onSuccess: (results) => {
        const { ok, message } = archiveSummary(results, products.length - active.length);
        notify(ok ? 'success' : 'error', message);
        select(results.filter((r) => r.error).map((r) => r.product.id));
      },
    });
  return (
    <Button
      variant="destructive-outline"
      size="sm"
      disabled={archive.isPending || active.length === 0}
      onClick={run}
    >
      {archive.isPending ? 'Archiving…' : 'Archive selected'}
    </Button>
  );
}

const products = (n: number) => `${n} product${n === 1 ? '' : 's'}`;

/** One sentence on a bulk archive: how many worked, and each that did not with the server's reason. */
export function archiveSummary(results: ArchiveResult[], alreadyArchived: number) {
  const failed = results.filter((r) => r.error);
  const done = results.length - failed.length;
  const parts = [
    failed.length === 0
      ? `Archived ${products(done)}.`
      : `Archived ${done} of ${products(results.length)}. Not archived: ${failed
          .map((r) => `${r.product.name} (${r.error})`)
          .join('; ')}.`,
  ];
  if (alreadyArchived > 0)
    parts.push(`${products(alreadyArchived)} ${alreadyArchived === 1 ? 'was' : 'were'} already archived.`);
  return { ok: failed.length === 0, message: parts.join(' ') };
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
    <Card className="my-3">
      <form onSubmit={submit} aria-labelledby="new-product-title">
        <CardTitle id="new-product-title">New product</CardTitle>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
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
        </div>
        {create.error && <p role="alert">{create.error.message}</p>}
        {create.isSuccess && <p role="status">Created {create.data.name}.</p>}
        <Button type="submit" className="mt-3" disabled={create.isPending}>
          Create product
        </Button>
      </form>
    </Card>
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
    <div className="grid gap-4 sm:grid-cols-2">
      <form onSubmit={save} className="flex flex-col gap-3" aria-label={`Details of ${product.name}`}>
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
        <Field id={`description-${id}`} label="Description">
          <textarea
            id={`description-${id}`}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
            maxLength={5000}
            rows={3}
            className="p-2"
          />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={update.isPending}>
            Save product
          </Button>
          <Button
            variant="secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ id, active: !product.active })}
          >
            {product.active ? 'Archive' : 'Restore'}
          </Button>
        </div>
      </form>
      <form onSubmit={move} className="flex flex-col gap-3" aria-label={`Stock of ${product.name}`}>
        <p className="m-0 text-sm text-muted-foreground">{product.stock} in stock now.</p>
        <TextField
          id={`delta-${id}`}
          label="Stock change (+ received, − written off)"
          type="number"
          step="1"
          value={delta}
          onChange={(e) => setDelta(e.target.value)}
          // Held while the change is sent and the lists refresh: the fields are emptied once it
          // is done, which would wipe anything typed meanwhile.
          readOnly={adjust.isPending}
          required
        />
        <TextField
          id={`reason-${id}`}
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          readOnly={adjust.isPending}
          required
          maxLength={200}
        />
        <Button type="submit" className="self-start" disabled={adjust.isPending || Number(delta) === 0}>
          Adjust stock
        </Button>
      </form>
      {error && (
        <p role="alert" className="sm:col-span-2">
          {error.message}
        </p>
      )}
      {!error && (update.isSuccess || adjust.isSuccess) && (
        <p role="status" className="sm:col-span-2">
          Saved.
        </p>
      )}
    </div>
  );
}
