import { useEffect, useState } from 'react';
import type { Product } from '@igniflo/contract';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import { useProducts } from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';

const SHOWN = 5;

/** Finds a product by name or SKU as staff type, and adds it; products in another currency are not offered. */
export function ProductPicker({ currency, add }: { currency: string; add: (product: Product) => void }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useProducts(q);
  const products = q.length >= 2 ? found.items.slice(0, SHOWN) : [];
  return (
    <div className="flex flex-col gap-2">
      <Field id="find-product" label="Add a product" hint="Search by name or SKU">
        <Input
          id="find-product"
          type="search"
          value={text}
          aria-describedby="find-product-hint"
          onChange={(e) => setText(e.target.value)}
          // Enter searches here; it does not save the whole edit.
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
      </Field>
      {q.length >= 2 && !found.isPending && products.length === 0 && (
        <p className="m-0 text-sm text-muted-foreground">No product matches “{q}”.</p>
      )}
      {products.length > 0 && (
        <ul aria-label="Products found" className="m-0 flex list-none flex-col divide-y divide-border p-0">
          {products.map((product) => (
            <li key={product.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="flex flex-col">
                <span className="font-medium">{product.name}</span>
                <span className="text-sm text-muted-foreground">
                  {product.sku} · {formatMoney(product.priceCents, product.currency)} · {product.stock} in
                  stock
                </span>
              </span>
              {product.currency === currency ? (
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`Add ${product.name}`}
                  onClick={() => add(product)}
                >
                  Add
                </Button>
              ) : (
                <span className="text-sm text-muted-foreground">Priced in {product.currency}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
