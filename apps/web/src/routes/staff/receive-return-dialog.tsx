import { useState, type FormEvent } from 'react';
import type { ReceiveReturnBody, Return } from '@igniflo/contract';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field, Input } from '../../components/ui/field.tsx';

/**
 * "Receive": the items of an approved return arrived. Staff say how many of each go back on sale
 * (all, unless some came back damaged); those units return to stock through the ledger.
 */
export function ReceiveReturnDialog({
  ret,
  onOpenChange,
  receive,
  pending,
  error,
}: {
  ret: Return;
  onOpenChange: (open: boolean) => void;
  receive: (body: ReceiveReturnBody) => Promise<unknown>;
  pending: boolean;
  error: Error | null;
}) {
  const [restock, setRestock] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await receive({
      restock: ret.items.map((item) => ({
        productId: item.productId,
        quantity: Number(restock[item.productId] ?? String(item.quantity)),
      })),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title={`Receive return ${ret.number} of order ${ret.orderNumber}?`}
      description="The units you restock go back on sale. Restock fewer when some came back damaged."
    >
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="flex flex-col gap-3">
        <fieldset className="m-0 flex flex-col gap-2 border-0 p-0">
          <legend className="mb-1 font-medium">Units to put back on sale</legend>
          {ret.items.map((item) => (
            <Field
              key={item.productId}
              id={`restock-${item.productId}`}
              label={`${item.name} (${item.quantity} returned)`}
            >
              <Input
                id={`restock-${item.productId}`}
                type="number"
                min={0}
                max={item.quantity}
                value={restock[item.productId] ?? String(item.quantity)}
                onChange={(e) => setRestock((r) => ({ ...r, [item.productId]: e.target.value }))}
              />
            </Field>
          ))}
        </fieldset>
        <Field id="receive-note" label="Note (optional)" hint="The customer sees this.">
          <textarea
            id="receive-note"
            className="p-2"
            rows={2}
            maxLength={2000}
            aria-describedby="receive-note-hint"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        {error && <p role="alert">{error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Not yet
          </Button>
          <Button type="submit" disabled={pending}>
            Receive and restock
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
