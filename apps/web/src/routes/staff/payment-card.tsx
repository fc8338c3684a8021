import { useState } from 'react';
import type { Order } from '@igniflo/contract';
import { ReturnList } from '../../components/return-list.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useOrderRefunds, useOrderReturns, useRecordRefund } from '../../hooks/api/returns.ts';
import { formatMoney, formatTime } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { RefundDialog } from './refund-dialog.tsx';

/**
 * The order's money: whether it was paid, what was refunded and each refund; "Mark as paid" for
 * staff, "Refund…" for admins while anything paid is left to refund.
 */
export function PaymentCard({
  order,
  markPaid,
  busy,
}: {
  order: Order;
  markPaid: () => void;
  busy: boolean;
}) {
  const { user } = useSession();
  const refunds = useOrderRefunds(order.id);
  const returns = useOrderReturns(order.id);
  const record = useRecordRefund(order);
  const [refunding, setRefunding] = useState(false);
  const money = (cents: number) => formatMoney(cents, order.currency);
  const remaining = order.totalCents - order.refundedCents;
  const canRefund = user?.role === 'ADMIN' && order.paymentReceived && remaining > 0;
  return (
    <Card aria-labelledby="payment-title" className="flex flex-col items-start gap-2">
      <CardTitle id="payment-title">Payment</CardTitle>
      {/* The status badge is in the page's header; here, the words and the amounts. */}
      <span>{order.paymentReceived ? 'Payment received.' : 'Payment not received yet.'}</span>
      {order.refundedCents > 0 && (
        <span>
          {money(order.refundedCents)} of {money(order.totalCents)} refunded
        </span>
      )}
      {refunds.data && refunds.data.items.length > 0 && (
        <ul aria-label="Refunds" className="m-0 flex list-none flex-col gap-1 p-0 text-sm">
          {refunds.data.items.map((refund) => (
            <li key={refund.id}>
              {money(refund.amountCents)}
              {refund.returnNumber !== null && ` for return ${refund.returnNumber}`}: {refund.reason}{' '}
              <span className="text-muted-foreground">· {formatTime(refund.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <span className="flex flex-wrap gap-2">
        {!order.paymentReceived && (
          <Button variant="secondary" size="sm" disabled={busy} onClick={markPaid}>
            Mark as paid
          </Button>
        )}
        {canRefund && (
          <Button variant="secondary" size="sm" onClick={() => setRefunding(true)}>
            Refund…
          </Button>
        )}
      </span>
      {refunding && (
        <RefundDialog
          order={order}
          received={returns.data?.items.filter((ret) => ret.status === 'RECEIVED') ?? []}
          onOpenChange={(open) => {
            setRefunding(open);
            if (!open) record.reset();
          }}
          pending={record.isPending}
          error={record.error}
          refund={async (body) => {
            await record.mutateAsync(body);
            setRefunding(false);
            notify('success', `Refunded ${money(body.amountCents)} on order ${order.orderNumber}.`);
          }}
        />
      )}
    </Card>
  );
}

/** The order's returns, each linking to the returns queue where staff act on it; none, nothing shown. */
export function OrderReturnsCard({ orderId }: { orderId: string }) {
  const returns = useOrderReturns(orderId);
  if (!returns.data || returns.data.items.length === 0) return null;
  return (
    <Card aria-labelledby="order-returns-title">
      <CardTitle id="order-returns-title">Returns</CardTitle>
      <ReturnList returns={returns.data.items} linkTo={(ret) => `/staff/returns?status=${ret.status}`} />
    </Card>
  );
}
