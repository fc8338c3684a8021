import { PageHeading } from '../../components/page-heading.tsx';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Webhook, WebhookWithSecret } from '@igniflo/contract';
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
  usePingWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
} from '../../hooks/api/webhooks.ts';
import { formatTime } from '../../lib/api.ts';
import { writeParams } from '../../lib/url-state.ts';
import { Deliveries, deliveryResult } from './webhook-deliveries.tsx';

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

/** An endpoint's state in one word (its badge), which the table sorts by. */
function stateOf(hook: Webhook): 'Active' | 'Failing' | 'Paused' | 'Disabled' {
  if (!hook.active) return hook.disabledAt ? 'Disabled' : 'Paused';
  return hook.failingSince ? 'Failing' : 'Active';
}

const TONE = { Active: 'success', Failing: 'warning', Paused: 'neutral', Disabled: 'destructive' } as const;

/** The badge, and for a failing or disabled endpoint since when and why. */
function WebhookState({ hook }: { hook: Webhook }) {
  const state = stateOf(hook);
  return (
    <span className="flex flex-col items-start gap-1 max-sm:items-end">
      <Badge tone={TONE[state]}>{state}</Badge>
      {state === 'Failing' && hook.failingSince && (
        <span className="text-sm text-muted-foreground">
          since {formatTime(hook.failingSince)}: {hook.failedAttempts} failed{' '}
          {hook.failedAttempts === 1 ? 'attempt' : 'attempts'}
          {hook.nextAttemptAt && `, next try ${formatTime(hook.nextAttemptAt)}`}
        </span>
      )}
      {state === 'Disabled' && hook.disabledAt && (
        <span className="text-sm text-muted-foreground">
          {formatTime(hook.disabledAt)}: {hook.disabledReason}
        </span>
      )}
    </span>
  );
}

const col = columnsOf<Webhook>();

export function WebhooksPage() {
  const webhooks = useWebhooks();
  // The endpoint whose deliveries are shown is in the address: a notification can link to it.
  const [params, setParams] = useSearchParams();
  const open = params.get('webhook');
  const setOpen = useCallback(
    (id: string | null) =>
      setParams((current) => writeParams(current, { webhook: id ?? undefined }), { replace: true }),
    [setParams],
  );
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const ping = usePingWebhook();
  const [pinged, setPinged] = useState('');
  const error = update.error ?? remove.error ?? rotate.error ?? ping.error;
  const busy = update.isPending || remove.isPending || rotate.isPending;
  const [pause, drop, rotateSecret, sendPing] = [update.mutate, remove.mutate, rotate.mutate, ping.mutate];
  const pinging = ping.isPending ? ping.variables : undefined;
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
        col.accessor((hook) => stateOf(hook), {
          id: 'state',
          header: 'Status',
          cell: ({ row: { original: hook } }) => <WebhookState hook={hook} />,
        }),
        col.accessor((hook) => (hook.eventTypes.length === 0 ? 'all events' : hook.eventTypes.join(', ')), {
          id: 'events',
          header: 'Events',
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
                disabled={pinging === hook.id}
                onClick={() =>
                  sendPing(hook.id, {
                    onSuccess: (attempt) =>
                      setPinged(
                        `Ping to ${hook.url}: ${deliveryResult(attempt)} in ${attempt.durationMs} ms.`,
                      ),
                  })
                }
              >
                {pinging === hook.id ? 'Pinging…' : 'Send ping'}
              </Button>
              <Button
                variant={hook.disabledAt && !hook.active ? 'default' : 'secondary'}
                size="sm"
                disabled={busy}
                onClick={() => pause({ id: hook.id, active: !hook.active })}
              >
                {hook.active ? 'Pause' : hook.disabledAt ? 'Re-enable' : 'Resume'}
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
    [open, setOpen, busy, pinging, pause, drop, rotateSecret, sendPing],
  );
  const shown = webhooks.items.find((hook) => hook.id === open);
  return (
    <section aria-labelledby="webhooks-title">
      <AdminNav />
      <PageHeading id="webhooks-title" title="Webhooks" />
      <NewWebhook />
      <h2>Endpoints</h2>
      <p className="text-sm text-muted-foreground">
        An endpoint whose deliveries keep failing for 24 hours is disabled and admins are notified. Send a
        ping to check a receiver, then re-enable it: it resumes with the first event it has not delivered.
      </p>
      {error && <p role="alert">{error.message}</p>}
      <p role="status" className="m-0 font-medium">
        {pinged}
      </p>
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
