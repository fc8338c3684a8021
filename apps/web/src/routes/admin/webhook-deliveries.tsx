import { useMemo, useState } from 'react';
import type { Webhook, WebhookDelivery, WebhookDeliveryError } from '@igniflo/contract';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { useDeliveries, useRedeliver } from '../../hooks/api/webhooks.ts';
import { formatTime } from '../../lib/api.ts';

const FAILURES: Record<Exclude<WebhookDeliveryError, 'http'>, string> = {
  timeout: 'timed out',
  refused: 'connection refused',
  dns: 'host not found',
  blocked: 'blocked: address not allowed',
  tls: 'TLS error',
  network: 'network error',
};

export function deliveryResult(d: WebhookDelivery): string {
  if (d.succeeded) return `delivered (${d.responseStatus})`;
  if (d.error === 'http' || d.error === null) return `failed: HTTP ${d.responseStatus ?? '?'}`;
  return `failed: ${FAILURES[d.error]}`;
}

/** What an attempt sent: an order event, or a ping. */
const sentOf = (d: WebhookDelivery) =>
  d.eventId === null ? 'ping' : `event #${d.eventId} (${(d.eventType ?? 'event').replace('_', ' ')})`;

const KIND: Record<WebhookDelivery['kind'], (d: WebhookDelivery) => string> = {
  event: () => 'Delivery',
  ping: () => 'Ping',
  redelivery: (d) => `Redelivery of #${d.redeliveryOf}`,
};

const col = columnsOf<WebhookDelivery>();
const columns = col.columns([
  col.accessor('id', { header: '#', cell: ({ getValue }) => `#${getValue()}` }),
  col.accessor('at', { header: 'When', cell: ({ getValue }) => formatTime(getValue()) }),
  col.accessor((d) => sentOf(d), { id: 'sent', header: 'Sent' }),
  col.accessor((d) => KIND[d.kind](d), { id: 'kind', header: 'Kind' }),
  col.accessor('attempt', { header: 'Attempt' }),
  col.accessor((d) => deliveryResult(d), {
    id: 'result',
    header: 'Result',
    cell: ({ row: { original: d } }) => (
      <span className={d.succeeded ? 'text-success' : 'text-destructive'}>{deliveryResult(d)}</span>
    ),
  }),
  col.accessor('durationMs', { header: 'Time', cell: ({ getValue }) => `${getValue()} ms` }),
]);

/**
 * One endpoint's attempts, newest first: the dispatcher's deliveries, pings and redeliveries. Any
 * row can be sent again; its new attempt comes in at the top, and the status line says how it went.
 */
export function Deliveries({ hook }: { hook: Webhook }) {
  const deliveries = useDeliveries(hook.id);
  const redeliver = useRedeliver();
  const [said, setSaid] = useState('');
  const { mutate, isPending, variables } = redeliver;
  const withActions = useMemo(
    () => [
      ...columns,
      col.display({
        id: 'actions',
        header: 'Actions',
        meta: { noCardLabel: true },
        cell: ({ row: { original: d } }) => (
          <Button
            variant="secondary"
            size="sm"
            aria-label={`Redeliver #${d.id}`}
            disabled={isPending && variables?.deliveryId === d.id}
            onClick={() =>
              mutate(
                { webhookId: hook.id, deliveryId: d.id },
                {
                  onSuccess: (again) =>
                    setSaid(`Sent ${sentOf(again)} again as #${again.id}: ${deliveryResult(again)}.`),
                },
              )
            }
          >
            Redeliver
          </Button>
        ),
      }),
    ],
    [hook.id, mutate, isPending, variables],
  );
  const titleId = `deliveries-${hook.id}`;
  return (
    <Card aria-labelledby={titleId} className="my-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle id={titleId} className="mb-0 [overflow-wrap:anywhere]">
          Deliveries to {hook.url}
        </CardTitle>
        <Button variant="secondary" size="sm" onClick={() => void deliveries.refetch()}>
          Refresh
        </Button>
      </div>
      <p className="mt-2 mb-0 text-sm text-muted-foreground">
        Kept 14 days. A redelivery sends the same event (same event id) with a new delivery id; the
        endpoint&apos;s own queue does not move.
      </p>
      <p role="status" className="my-2">
        {said}
      </p>
      {redeliver.error && <p role="alert">{redeliver.error.message}</p>}
      <PagedTable
        list={deliveries}
        what="deliveries"
        empty="No deliveries yet."
        columns={withActions}
        caption="Deliveries, newest first"
        captionHidden
        getRowId={(d) => String(d.id)}
        sortable={false}
        columnMenu={false}
      />
    </Card>
  );
}
