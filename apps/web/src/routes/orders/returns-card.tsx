import { useState } from 'react';
import type { Order } from '@igniflo/contract';
import { LoadError, Skeleton } from '../../components/list-state.tsx';
import { ReturnList } from '../../components/return-list.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useOrderReturns, useRequestReturn } from '../../hooks/api/returns.ts';
import { formatDay, useNow } from '../../lib/time.ts';
import { ReturnItemsDialog } from './return-items-dialog.tsx';

/**
 * A delivered or completed order's returns, and "Return items" while the window is open and
 * something is left to return; otherwise the button says why it is off.
 */
export function ReturnsCard({ order }: { order: Order }) {
  const returns = useOrderReturns(order.id);
  const request = useRequestReturn(order);
  const [open, setOpen] = useState(false);
  const now = useNow();
  const data = returns.data;
  const windowEnd = data?.returnWindowEndsAt ?? null;
  const why =
    windowEnd && Date.parse(windowEnd) < now
      ? `The return window closed on ${formatDay(windowEnd)}.`
      : data?.returnable.length === 0
        ? 'Everything in this order is already in a return.'
        : null;
  return (
    <Card aria-labelledby="returns-title" className="flex flex-col items-start gap-2">
      <CardTitle id="returns-title">Returns</CardTitle>
      {returns.isPending && <Skeleton label="Loading your returns" rows={2} />}
      {returns.isLoadingError && (
        <LoadError what="your returns" error={returns.error} retry={returns.refetch} />
      )}
      {data && (
        <>
          {!why && windowEnd && (
            <p className="m-0 text-sm">You can return items until {formatDay(windowEnd)}.</p>
          )}
          <Button
            variant="secondary"
            disabled={why !== null}
            aria-describedby={why ? 'return-why' : undefined}
            onClick={() => setOpen(true)}
          >
            Return items
          </Button>
          {why && (
            <p id="return-why" className="m-0 text-sm text-muted-foreground">
              {why}
            </p>
          )}
          <ReturnList returns={data.items} linkTo={(ret) => `/returns/${ret.id}`} />
          <ReturnItemsDialog
            order={order}
            returnable={data.returnable}
            open={open}
            onOpenChange={setOpen}
            pending={request.isPending}
            error={request.error}
            request={async (body) => {
              const created = await request.mutateAsync(body);
              setOpen(false);
              notify('success', `Return ${created.number} requested. The shop will reply here.`);
            }}
          />
        </>
      )}
    </Card>
  );
}
