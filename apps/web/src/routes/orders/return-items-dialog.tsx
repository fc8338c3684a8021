import { useState, type FormEvent } from 'react';
import type { Order, ProductUnits } from '@igniflo/contract';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field, Input, inputClass } from '../../components/ui/field.tsx';

export const RETURN_REASONS = [
  'Does not fit',
  'Damaged or faulty',
  'Not as described',
  'Arrived too late',
  'Changed my mind',
  'Other',
];

/** The name of each product in the order, from its first line. */
const nameOf = (order: Pick<Order, 'items'>, productId: string) =>
  order.items.find((item) => item.productId === productId)?.name ?? 'Item';

/**
 * "Return items": the customer picks how many of each returnable product go back, a reason for
 * each, and a note. Stays open with the server's reason if it refuses.
 */
export function ReturnItemsDialog({
  order,
  returnable,
  open,
  onOpenChange,
  request,
  pending,
  error,
}: {
  order: Pick<Order, 'items' | 'orderNumber'>;
  returnable: ProductUnits[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  request: (body: {
    items: { productId: string; quantity: number; reason: string }[];
    note?: string;
  }) => Promise<unknown>;
  pending: boolean;
  error: Error | null;
}) {
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const chosen = returnable
    .map((line) => ({
      productId: line.productId,
      quantity: Number(quantities[line.productId] ?? '0'),
      reason: reasons[line.productId] ?? '',
    }))
    .filter((line) => line.quantity > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setEmpty(true);
      return;
    }
    await request({ items: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
    setQuantities({});
    setReasons({});
    setNote('');
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Return items from order ${order.orderNumber}`}
      description="Choose what goes back and why. The shop looks at your request and tells you how to send the items."
      wide
    >
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="flex flex-col gap-3">
        {returnable.map((line) => {
          const name = nameOf(order, line.productId);
          const quantity = Number(quantities[line.productId] ?? '0');
          return (
            <fieldset
              key={line.productId}
              className="m-0 grid gap-2 rounded-md border border-border p-3 sm:grid-cols-2"
            >
              <legend className="px-1 font-medium">
                {name} <span className="font-normal text-muted-foreground">(up to {line.quantity})</span>
              </legend>
              <Field id={`return-qty-${line.productId}`} label="How many">
                <Input
                  id={`return-qty-${line.productId}`}
                  type="number"
                  min={0}
                  max={line.quantity}
                  value={quantities[line.productId] ?? '0'}
                  onChange={(e) => {
                    setEmpty(false);
                    setQuantities((q) => ({ ...q, [line.productId]: e.target.value }));
                  }}
                />
              </Field>
              <Field id={`return-reason-${line.productId}`} label="Reason">
                <select
                  id={`return-reason-${line.productId}`}
                  className={inputClass}
                  required={quantity > 0}
                  value={reasons[line.productId] ?? ''}
                  onChange={(e) => setReasons((r) => ({ ...r, [line.productId]: e.target.value }))}
                >
                  <option value="">Choose a reason</option>
                  {RETURN_REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {reason}
                    </option>
                  ))}
                </select>
              </Field>
            </fieldset>
          );
        })}
        <Field id="return-note" label="Note for the shop (optional)">
          <textarea
            id="return-note"
            className="p-2"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        {empty && <p role="alert">Choose at least one item to return.</p>}
        {error && <p role="alert">{error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Keep the items
          </Button>
          <Button type="submit" disabled={pending}>
            Request return
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
