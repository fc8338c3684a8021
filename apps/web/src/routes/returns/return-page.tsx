import { Link, useParams } from 'react-router';
import type { Return, ReturnStatus } from '@igniflo/contract';
import { LoadError, Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ReturnBadge, RETURN_STATUS_LABEL } from '../../components/return-badge.tsx';
import { StatusAnnouncer } from '../../components/status-announcer.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { useReturn } from '../../hooks/api/returns.ts';
import { ApiError, formatMoney, formatTime } from '../../lib/api.ts';

/** What happens next, in the customer's words, for each status. */
const NEXT: Record<ReturnStatus, string> = {
  REQUESTED: 'The shop is looking at your request and will tell you here what happens next.',
  APPROVED: 'Your return is approved: send the items back. You are refunded once they arrive.',
  REJECTED: 'The shop did not accept this return.',
  RECEIVED: 'Your items have arrived back at the shop. Your refund is on its way.',
  REFUNDED: 'Your return is complete and refunded.',
  CLOSED: 'This return is closed.',
};

/** The steps a return takes to its refund; a rejected or closed one stops where it is. */
const STEPS = [
  { status: 'REQUESTED', at: (r: Return) => r.createdAt },
  { status: 'APPROVED', at: (r: Return) => r.approvedAt },
  { status: 'RECEIVED', at: (r: Return) => r.receivedAt },
  { status: 'REFUNDED', at: (r: Return) => r.refundedAt },
] as const;

export function ReturnPage() {
  const id = useParams().id ?? '';
  const ret = useReturn(id);
  if (ret.isPending) return <Skeleton label="Loading the return" rows={4} />;
  if (ret.isLoadingError) {
    if (!(ret.error instanceof ApiError && ret.error.status === 404))
      return <LoadError what="the return" error={ret.error} retry={ret.refetch} />;
    return (
      <section>
        <PageHeading title="Return not found" />
        <p>No return you can open has this address.</p>
        <Link to="/returns">See your returns</Link>
      </section>
    );
  }
  return <ReturnDetail ret={ret.data} />;
}

function ReturnDetail({ ret }: { ret: Return }) {
  const ended = ret.status === 'REJECTED' || ret.status === 'CLOSED';
  const reached = STEPS.filter((step) => step.at(ret) !== null);
  return (
    <section aria-labelledby="return-title" className="flex max-w-3xl flex-col gap-4">
      <div>
        <Link to={`/orders/${ret.orderId}`} className="text-sm">
          ← Order {ret.orderNumber}
        </Link>
        <PageHeading
          id="return-title"
          title={`Return ${ret.number} of order ${ret.orderNumber}`}
          className="my-0"
        />
        <p className="status-line">
          Status: <ReturnBadge status={ret.status} />
        </p>
        <StatusAnnouncer sentence={`Return ${ret.number} is now ${RETURN_STATUS_LABEL[ret.status]}.`} />
      </div>
      <Alert tone={ended ? 'neutral' : 'info'} title={NEXT[ret.status]}>
        {ret.staffNote && <p className="m-0">From the shop: {ret.staffNote}</p>}
        {ret.refund && (
          <p className="m-0">
            Refunded {formatMoney(ret.refund.amountCents, ret.refund.currency)} on{' '}
            {formatTime(ret.refund.createdAt)}.
          </p>
        )}
      </Alert>
      {!ended && (
        <ol aria-label="Return progress" className="m-0 flex list-none flex-wrap gap-x-6 gap-y-2 p-0">
          {STEPS.map((step, i) => {
            const at = step.at(ret);
            const current = reached.at(-1)?.status === step.status;
            return (
              <li key={step.status} aria-current={current ? 'step' : undefined} className="flex flex-col">
                <span className={current ? 'font-semibold text-primary' : at ? '' : 'text-muted-foreground'}>
                  {i + 1}. {RETURN_STATUS_LABEL[step.status]}
                  {at ? '' : ' (not yet)'}
                </span>
                {at && (
                  <time dateTime={at} className="text-sm text-muted-foreground">
                    {formatTime(at)}
                  </time>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Card aria-labelledby="return-items-title">
        <CardTitle id="return-items-title">Items</CardTitle>
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Items in return {ret.number}</caption>
          <thead className="text-sm text-muted-foreground">
            <tr>
              <th scope="col" className="py-2 font-medium">
                Item
              </th>
              <th scope="col" className="py-2 font-medium">
                Reason
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Qty
              </th>
            </tr>
          </thead>
          <tbody>
            {ret.items.map((item) => (
              <tr key={item.productId} className="border-t border-border">
                <td className="py-2">{item.name}</td>
                <td className="py-2">{item.reason}</td>
                <td className="py-2 text-right">{item.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {ret.customerNote && (
          <p className="mb-0 text-sm">
            <span className="font-medium">Your note:</span> {ret.customerNote}
          </p>
        )}
      </Card>
    </section>
  );
}
