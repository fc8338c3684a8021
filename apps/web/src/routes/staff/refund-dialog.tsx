import { useState, type FormEvent } from 'react';
import type { Order, RecordRefundBody, Return } from '@igniflo/contract';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Field, Input, inputClass } from '../../components/ui/field.tsx';
import { returnedItems } from '../../components/return-list.tsx';
import { formatMoney } from '../../lib/api.ts';

/** What the items of a return cost, at the order's prices (its first line of each product). */
function valueOf(order: Pick<Order, 'items'>, ret: Return): number {
  return ret.items.reduce((sum, item) => {
    const line = order.items.find((l) => l.productId === item.productId);
    return sum + (line?.unitPriceCents ?? 0) * item.quantity;
  }, 0);
}

const toAmount = (cents: number) => (cents / 100).toFixed(2);

/**
 * "Refund": an admin records money given back (no payment processor is called), at most what is
 * left of the total. Naming a received return fills in what its items cost and settles it.
 */
export function RefundDialog({
  order,
  received,
  onOpenChange,
  refund,
  pending,
  error,
}: {
  order: Pick<Order, 'orderNumber' | 'items' | 'totalCents' | 'refundedCents' | 'currency'>;
  /** The order's returns that arrived back and wait for their refund. */
  received: Return[];
  onOpenChange: (open: boolean) => void;
  refund: (body: RecordRefundBody) => Promise<unknown>;
  pending: boolean;
  error: Error | null;
}) {
  const remaining = order.totalCents - order.refundedCents;
  const [returnId, setReturnId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const chooseReturn = (id: string) => {
    setReturnId(id);
    const ret = received.find((r) => r.id === id);
    if (ret) {
      setAmount(toAmount(Math.min(valueOf(order, ret), remaining)));
      setReason((current) => current || `Return ${ret.number}`);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await refund({
      amountCents: Math.round(Number(amount) * 100),
      reason: reason.trim(),
      ...(returnId ? { returnId } : {}),
    });
  };
  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title={`Refund order ${order.orderNumber}`}
      description="Record money given back to the customer. No payment is sent from here; the customer is told."
    >
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="flex flex-col gap-3">
        {received.length > 0 && (
          <Field id="refund-return" label="For a return (optional)">
            <select
              id="refund-return"
              className={inputClass}
              value={returnId}
              onChange={(e) => chooseReturn(e.target.value)}
            >
              <option value="">No return</option>
              {received.map((ret) => (
                <option key={ret.id} value={ret.id}>
                  Return {ret.number}: {returnedItems(ret)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id="refund-amount"
          label={`Amount (${order.currency})`}
          hint={`Up to ${formatMoney(remaining, order.currency)} can still be refunded.`}
        >
          <Input
            id="refund-amount"
            type="number"
            inputMode="decimal"
            required
            min={0.01}
            max={toAmount(remaining)}
            step={0.01}
            aria-describedby="refund-amount-hint"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </Field>
        <Field id="refund-reason" label="Reason" hint="The customer sees this.">
          <Input
            id="refund-reason"
            required
            maxLength={500}
            aria-describedby="refund-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {error && <p role="alert">{error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Go back
          </Button>
          <Button type="submit" disabled={pending}>
            Record refund
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
