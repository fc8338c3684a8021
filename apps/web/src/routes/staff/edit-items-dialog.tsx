import { useState, type FormEvent } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import type { Order } from '@igniflo/contract';
import { QuantityStepper } from '../../components/quantity-stepper.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useEditItems } from '../../hooks/api/order-edits.ts';
import { productQuery } from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';
import {
  bodyOf,
  canEditItems,
  emptyCustomLine,
  isCustomOrder,
  previewTotal,
  refusals,
  startingLines,
  stockProblems,
  unitCents,
  unitsByProduct,
  withProduct,
  type EditorLine,
} from './item-editor.ts';
import { ProductPicker } from './product-picker.tsx';

/**
 * "Edit items", or for a custom request without items "Price this request": the same editor, in a
 * dialog. Shown only while the items may change (nothing has shipped).
 */
export function EditItems({ order }: { order: Order }) {
  const [open, setOpen] = useState(false);
  if (!canEditItems(order)) return null;
  const pricing = order.items.length === 0;
  const title = pricing ? 'Price this request' : 'Edit items';
  return (
    <>
      <Button variant={pricing ? 'default' : 'secondary'} size="sm" onClick={() => setOpen(true)}>
        {title}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={describe(order, pricing)} wide>
        <Editor order={order} pricing={pricing} close={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

const describe = (order: Order, pricing: boolean) =>
  pricing
    ? `Add a line for each part of “${order.title ?? 'the request'}” with its price. The customer sees the quote at once.`
    : 'Lines the order has keep their price; products added take today’s. The customer is told what changed.';

function Editor({ order, pricing, close }: { order: Order; pricing: boolean; close: () => void }) {
  const [lines, setLines] = useState<EditorLine[]>(() => startingLines(order));
  const [note, setNote] = useState('');
  const edit = useEditItems(order);
  const money = (cents: number) => formatMoney(cents, order.currency);

  const productIds = [...new Set(lines.flatMap((l) => (l.kind === 'product' ? [l.productId] : [])))];
  const products = useQueries({ queries: productIds.map(productQuery) });
  const stock = new Map(products.flatMap((p) => (p.data ? [[p.data.id, p.data.stock] as const] : [])));
  const held = unitsByProduct(order.items);
  const short = stockProblems(lines, held, stock);
  const refused = refusals(edit.error, lines);
  const total = previewTotal(lines);
  const emptyNotAllowed = lines.length === 0 && !isCustomOrder(order);

  const change = (next: EditorLine[]) => {
    setLines(next);
    edit.reset();
  };
  const update = (key: string, patch: Partial<EditorLine>) =>
    change(lines.map((l) => (l.key === key ? ({ ...l, ...patch } as EditorLine) : l)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate(bodyOf(lines, note, order.version), {
      onSuccess: () => {
        close();
        notify('success', pricing ? 'Quote sent to the customer.' : 'Items saved; the customer is told.');
      },
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      {lines.length === 0 ? (
        <p className="m-0 text-muted-foreground">No items.</p>
      ) : (
        <ul aria-label="Items" className="m-0 flex list-none flex-col divide-y divide-border p-0">
          {lines.map((line, index) => {
            const problem = short.get(line.key) ?? refused.get(line.key);
            return (
              <li key={line.key} className="flex flex-col gap-2 py-3">
                {line.kind === 'product' ? (
                  <ProductLine line={line} money={money} problem={problem} update={update} />
                ) : (
                  <CustomLine line={line} number={index + 1} currency={order.currency} update={update} />
                )}
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="text-sm text-muted-foreground">
                    Line total {money(unitCents(line) * (Number(line.quantity) || 0))}
                  </span>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => change(lines.filter((l) => l.key !== line.key))}
                  >
                    <Trash2 aria-hidden="true" />
                    Remove<span className="sr-only"> {line.name || `line ${index + 1}`}</span>
                  </Button>
                </div>
                {problem && line.kind === 'custom' && (
                  <p className="m-0 text-sm font-semibold text-destructive">{problem}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex flex-col gap-3 rounded-md border border-border p-3">
        <ProductPicker
          currency={order.currency}
          add={(product) => change(withProduct(lines, product, order))}
        />
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          onClick={() => change([...lines, emptyCustomLine()])}
        >
          Add a custom line
        </Button>
      </div>
      <Field id="edit-note" label="Note to the customer (optional)">
        <textarea
          id="edit-note"
          className="p-2"
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      <p className="m-0 text-lg">
        New total <strong>{money(total)}</strong>{' '}
        <span className="text-base text-muted-foreground">(was {money(order.totalCents)})</span>
      </p>
      {emptyNotAllowed && (
        <p className="m-0 font-semibold text-destructive">
          An order from the catalog needs at least one item.
        </p>
      )}
      {edit.error && refused.size === 0 && <p role="alert">{edit.error.message}</p>}
      {refused.size > 0 && <p role="alert">Some lines cannot be saved: see each line.</p>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button type="submit" disabled={edit.isPending || short.size > 0 || emptyNotAllowed}>
          {pricing ? 'Send the quote' : 'Save items'}
        </Button>
      </div>
    </form>
  );
}

type Update = (key: string, patch: Partial<EditorLine>) => void;

function ProductLine({
  line,
  money,
  problem,
  update,
}: {
  line: Extract<EditorLine, { kind: 'product' }>;
  money: (cents: number) => string;
  problem: string | undefined;
  update: Update;
}) {
  const options = Object.entries(line.options).map(([name, value]) => `${name}: ${value}`);
  const errorId = `${line.key}-error`;
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      <span className="flex min-w-40 flex-col">
        <span className="font-medium">{line.name}</span>
        <span className="text-sm text-muted-foreground">
          {[line.sku, ...options, `${money(line.unitPriceCents)} each`].join(' · ')}
        </span>
        {problem && (
          <span id={errorId} className="text-sm font-semibold text-destructive">
            {problem}
          </span>
        )}
      </span>
      <QuantityStepper
        id={`${line.key}-quantity`}
        label={line.name}
        inputLabel={`Quantity of ${line.name}`}
        value={line.quantity}
        describedBy={problem ? errorId : undefined}
        onChange={(quantity) => update(line.key, { quantity })}
      />
    </div>
  );
}

function CustomLine({
  line,
  number,
  currency,
  update,
}: {
  line: Extract<EditorLine, { kind: 'custom' }>;
  number: number;
  currency: string;
  update: Update;
}) {
  return (
    <fieldset className="m-0 grid gap-2 border-0 p-0 sm:grid-cols-[1fr_9rem_auto]">
      <legend className="mb-1 text-sm text-muted-foreground">Custom line {number}</legend>
      <Field id={`${line.key}-name`} label="Name">
        <Input
          id={`${line.key}-name`}
          required
          maxLength={200}
          value={line.name}
          onChange={(e) => update(line.key, { name: e.target.value })}
        />
      </Field>
      <Field id={`${line.key}-price`} label={`Unit price (${currency})`}>
        <Input
          id={`${line.key}-price`}
          type="number"
          inputMode="decimal"
          required
          min={0}
          max={10_000_000}
          step={0.01}
          value={line.price}
          onChange={(e) => update(line.key, { price: e.target.value })}
        />
      </Field>
      <Field id={`${line.key}-quantity`} label="Quantity">
        <QuantityStepper
          id={`${line.key}-quantity`}
          label={line.name || `custom line ${number}`}
          value={line.quantity}
          onChange={(quantity) => update(line.key, { quantity })}
        />
      </Field>
    </fieldset>
  );
}
