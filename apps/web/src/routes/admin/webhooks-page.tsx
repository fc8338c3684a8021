import { PageHeading } from '../../components/page-heading.tsx';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Webhook, WebhookDelivery, WebhookDeliveryError, WebhookWithSecret } from '@igniflo/contract';
import { OrderEventType } from '@igniflo/contract/constants';
import { AdminNav } from '../../components/admin-nav.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
} from '../../hooks/api/webhooks.ts';
import { formatTime } from '../../lib/api.ts';

const EVENT_TYPES = Object.values(OrderEventType);

/**
 * The signing secret, shown once after it is created or rotated: the server never answers it
 * again, so the admin copies it now. Focus moves here so that it is not missed.
 */
function SecretOnce({ hook, onDone }: { hook: WebhookWithSecret; onDone: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => panel.current?.focus(), [hook.secret]);
  const copy = () =>
    navigator.clipboard.writeText(hook.secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  const titleId = `secret-${hook.id}`;
  return (
    <div
      ref={panel}
      tabIndex={-1}
      className="my-3 flex max-w-2xl flex-col gap-3 rounded-lg border border-warning bg-warning-soft p-4"
      role="region"
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="m-0 [overflow-wrap:anywhere]">
        Signing secret for {hook.url}
      </h3>
      <p className="m-0">
        Copy it now: it will not be shown again. Each delivery is signed in{' '}
        <code>x-igniflo-signature: t=…,v1=…</code>, the HMAC-SHA256 of <code>&lt;t&gt;.&lt;body&gt;</code>{' '}
        with this secret.
      </p>
      <Field id={`${titleId}-value`} label="Signing secret">
        <Input id={`${titleId}-value`} readOnly value={hook.secret} onFocus={(e) => e.target.select()} />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void copy()}>Copy secret</Button>
        <Button variant="secondary" onClick={onDone}>
          I have stored it
        </Button>
        <span role="status">
          {copied === 'yes' && 'Copied.'}
          {copied === 'failed' && 'Could not copy: select the secret and copy it by hand.'}
        </span>
      </div>
    </div>
  );
}

const col = columnsOf<Webhook>();

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [open, setOpen] = useState<string | null>(null);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const error = update.error ?? remove.error ?? rotate.error;
  const busy = update.isPending || remove.isPending || rotate.isPending;
  const [pause, drop, rotateSecret] = [update.mutate, remove.mutate, rotate.mutate];
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('url', {
          header: 'Endpoint',
          meta: { alwaysShown: true },
          cell: ({ row: { original: hook } }) => (
            <span className="[overflow-wrap:anywhere]">
              <strong>{hook.url}</strong>
              {hook.description && <span className="block text-muted-foreground">{hook.description}</span>}
            </span>
          ),
        }),
        col.accessor('active', {
          header: 'Status',
          cell: ({ getValue }) =>
            getValue() ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Paused</Badge>,
        }),
        col.accessor((hook) => (hook.eventTypes.length === 0 ? 'all events' : hook.eventTypes.join(', ')), {
          id: 'events',
          header: 'Events',
        }),
        col.accessor('failedAttempts', {
          header: 'Failures',
          cell: ({ row: { original: hook } }) =>
            hook.failedAttempts > 0 ? (
              <span className="text-destructive">
                {hook.failedAttempts} failed attempts
                {hook.nextAttemptAt && `, next ${formatTime(hook.nextAttemptAt)}`}
              </span>
            ) : (
              'none'
            ),
        }),
        col.display({
          id: 'actions',
          header: 'Actions',
          meta: { alwaysShown: true, noCardLabel: true },
          cell: ({ row: { original: hook } }) => (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                size="sm"
                aria-expanded={open === hook.id}
                onClick={() => setOpen(open === hook.id ? null : hook.id)}
              >
                {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={busy}
                onClick={() => pause({ id: hook.id, active: !hook.active })}
              >
                {hook.active ? 'Pause' : 'Resume'}
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={busy}
                onClick={() =>
                  window.confirm(
                    `Rotate the signing secret of ${hook.url}? The current secret stops working at once: deliveries are signed with the new one.`,
                  ) && rotateSecret(hook.id)
                }
              >
                Rotate secret
              </Button>
              <Button
                variant="destructive-outline"
                size="sm"
                disabled={busy}
                onClick={() => window.confirm(`Delete the webhook to ${hook.url}?`) && drop(hook.id)}
              >
                Delete
              </Button>
            </div>
          ),
        }),
      ]),
    [open, busy, pause, drop, rotateSecret],
  );
  const shown = webhooks.items.find((hook) => hook.id === open);
  return (
    <section aria-labelledby="webhooks-title">
      <AdminNav />
      <PageHeading id="webhooks-title" title="Webhooks" />
      <NewWebhook />
      <h2>Endpoints</h2>
      {error && <p role="alert">{error.message}</p>}
      {rotate.data && <SecretOnce hook={rotate.data} onDone={() => rotate.reset()} />}
      <PagedTable
        list={webhooks}
        what="webhooks"
        empty="No webhooks yet."
        columns={columns}
        caption="Webhook endpoints"
        captionHidden
        getRowId={(hook) => hook.id}
      />
      {shown && <Deliveries hook={shown} />}
    </section>
  );
}

function NewWebhook() {
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        url: url.trim(),
        description: description.trim(),
        ...(types.length > 0 ? { eventTypes: types as Webhook['eventTypes'] } : {}),
      },
      { onSuccess: () => (setUrl(''), setDescription(''), setTypes([])) },
    );
  };
  return (
    <>
      <Card className="my-3 max-w-2xl">
        <form onSubmit={submit} className="flex flex-col gap-3" aria-labelledby="new-webhook-title">
          <CardTitle id="new-webhook-title">New webhook</CardTitle>
          <Field id="webhook-url" label="URL">
            <Input
              id="webhook-url"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              maxLength={2000}
            />
          </Field>
          <Field id="webhook-description" label="Description">
            <Input
              id="webhook-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={500}
            />
          </Field>
          <fieldset className="grid gap-1 rounded-md border border-border p-3 sm:grid-cols-2">
            <legend className="px-1 font-medium">Events (none ticked: every event)</legend>
            {EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2">
                <input
                  className="size-4 accent-primary"
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={(e) =>
                    setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))
                  }
                />{' '}
                {type.replace('_', ' ')}
              </label>
            ))}
          </fieldset>
          {create.error && <p role="alert">{create.error.message}</p>}
          <Button type="submit" className="self-start" disabled={create.isPending}>
            Create webhook
          </Button>
        </form>
      </Card>
      {create.data && <SecretOnce hook={create.data} onDone={() => create.reset()} />}
    </>
  );
}

const FAILURES: Record<Exclude<WebhookDeliveryError, 'http'>, string> = {
  timeout: 'timed out',
  refused: 'connection refused',
  dns: 'host not found',
  blocked: 'blocked: address not allowed',
  tls: 'TLS error',
  network: 'network error',
};

function deliveryResult(d: WebhookDelivery): string {
  if (d.succeeded) return `delivered (${d.responseStatus})`;
  if (d.error === 'http' || d.error === null) return `failed: HTTP ${d.responseStatus ?? '?'}`;
  return `failed: ${FAILURES[d.error]}`;
}

const deliveryCol = columnsOf<WebhookDelivery>();
const deliveryColumns = deliveryCol.columns([
  deliveryCol.accessor('at', { header: 'When', cell: ({ getValue }) => formatTime(getValue()) }),
  deliveryCol.accessor('eventId', { header: 'Event', cell: ({ getValue }) => `#${getValue()}` }),
  deliveryCol.accessor('attempt', { header: 'Attempt' }),
  deliveryCol.accessor((d) => deliveryResult(d), {
    id: 'result',
    header: 'Result',
    cell: ({ row: { original: d } }) => (
      <span className={d.succeeded ? 'text-success' : 'text-destructive'}>{deliveryResult(d)}</span>
    ),
  }),
  deliveryCol.accessor('durationMs', { header: 'Time', cell: ({ getValue }) => `${getValue()} ms` }),
]);

/** One endpoint's deliveries, newest first, below the endpoints. */
function Deliveries({ hook }: { hook: Webhook }) {
  const deliveries = useDeliveries(hook.id);
  return (
    <Card aria-labelledby={`deliveries-${hook.id}`} className="my-3">
      <CardTitle id={`deliveries-${hook.id}`} className="[overflow-wrap:anywhere]">
        Deliveries to {hook.url}
      </CardTitle>
      <PagedTable
        list={deliveries}
        what="deliveries"
        empty="No deliveries yet."
        columns={deliveryColumns}
        caption="Deliveries, newest first"
        captionHidden
        getRowId={(d) => String(d.id)}
        sortable={false}
        columnMenu={false}
      />
    </Card>
  );
}
