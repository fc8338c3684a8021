import { PageHeading } from '../../components/page-heading.tsx';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Webhook, WebhookDelivery, WebhookDeliveryError, WebhookWithSecret } from '@igniflo/contract';
import { OrderEventType } from '@igniflo/contract/constants';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore, Table } from '../../components/list-state.tsx';
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
    <div ref={panel} tabIndex={-1} className="editor" role="region" aria-labelledby={titleId}>
      <div className="stack">
        <h3 id={titleId}>Signing secret for {hook.url}</h3>
        <p>
          Copy it now: it will not be shown again. Each delivery is signed in{' '}
          <code>x-igniflo-signature: t=…,v1=…</code>, the HMAC-SHA256 of <code>&lt;t&gt;.&lt;body&gt;</code>{' '}
          with this secret.
        </p>
        <label htmlFor={`${titleId}-value`}>Signing secret</label>
        <input id={`${titleId}-value`} readOnly value={hook.secret} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          Copy secret
        </button>
        <span role="status">
          {copied === 'yes' && 'Copied.'}
          {copied === 'failed' && 'Could not copy: select the secret and copy it by hand.'}
        </span>
        <button type="button" className="secondary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <AdminNav />
      <PageHeading id="webhooks-title" title="Webhooks" />
      <NewWebhook />
      <h2>Endpoints</h2>
      <ListState list={webhooks} what="webhooks" empty="No webhooks yet." />
      <ul className="rows">
        {webhooks.items.map((hook) => (
          <li key={hook.id} className="editable">
            <WebhookRow hook={hook} />
            <button
              type="button"
              className="secondary"
              aria-expanded={open === hook.id}
              onClick={() => setOpen(open === hook.id ? null : hook.id)}
            >
              {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
            </button>
            {open === hook.id && <Deliveries webhookId={hook.id} />}
          </li>
        ))}
      </ul>
      <ShowMore list={webhooks} />
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
      <form onSubmit={submit} className="stack narrow" aria-labelledby="new-webhook-title">
        <h2 id="new-webhook-title">New webhook</h2>
        <label htmlFor="webhook-url">URL</label>
        <input
          id="webhook-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          maxLength={2000}
        />
        <label htmlFor="webhook-description">Description</label>
        <input
          id="webhook-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={500}
        />
        <fieldset>
          <legend>Events (none ticked: every event)</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="check">
              <input
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
        <button type="submit" disabled={create.isPending}>
          Create webhook
        </button>
      </form>
      {create.data && <SecretOnce hook={create.data} onDone={() => create.reset()} />}
    </>
  );
}

function WebhookRow({ hook }: { hook: Webhook }) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const error = update.error ?? remove.error ?? rotate.error;
  return (
    <>
      <span className="wrap">
        <strong>{hook.url}</strong>
        {hook.description && <span className="muted"> {hook.description}</span>}
      </span>
      <span>{hook.active ? 'active' : 'paused'}</span>
      <span>{hook.eventTypes.length === 0 ? 'all events' : hook.eventTypes.join(', ')}</span>
      {hook.failedAttempts > 0 && (
        <span className="stock out">
          {hook.failedAttempts} failed attempts
          {hook.nextAttemptAt && `, next ${formatTime(hook.nextAttemptAt)}`}
        </span>
      )}
      <button
        type="button"
        className="secondary"
        disabled={update.isPending}
        onClick={() => update.mutate({ id: hook.id, active: !hook.active })}
      >
        {hook.active ? 'Pause' : 'Resume'}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={rotate.isPending}
        onClick={() =>
          window.confirm(
            `Rotate the signing secret of ${hook.url}? The current secret stops working at once: deliveries are signed with the new one.`,
          ) && rotate.mutate(hook.id)
        }
      >
        Rotate secret
      </button>
      <button
        type="button"
        className="secondary danger"
        disabled={remove.isPending}
        onClick={() => window.confirm(`Delete the webhook to ${hook.url}?`) && remove.mutate(hook.id)}
      >
        Delete
      </button>
      {error && <p role="alert">{error.message}</p>}
      {rotate.data && <SecretOnce hook={rotate.data} onDone={() => rotate.reset()} />}
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

function Deliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useDeliveries(webhookId);
  return (
    <div className="editor">
      <ListState list={deliveries} what="deliveries" empty="No deliveries yet." />
      {deliveries.items.length > 0 && (
        <Table label="Deliveries">
          <caption>Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Attempt</th>
              <th scope="col">Result</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.items.map((d) => (
              <tr key={d.id}>
                <td>{formatTime(d.at)}</td>
                <td>#{d.eventId}</td>
                <td>{d.attempt}</td>
                <td className={d.succeeded ? 'stock' : 'stock out'}>{deliveryResult(d)}</td>
                <td>{d.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ShowMore list={deliveries} />
    </div>
  );
}
