import { useState, type FormEvent } from 'react';
import { OrderEventType, type Webhook } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore, Table } from '../../components/list-state.tsx';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useUpdateWebhook,
  useWebhooks,
} from '../../hooks/api/admin.ts';
import { formatTime } from '../../lib/api.ts';

const EVENT_TYPES = Object.values(OrderEventType);

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <AdminNav />
      <h1 id="webhooks-title">Webhooks</h1>
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
      {create.isSuccess && (
        <p role="status">
          Created. Verify deliveries with the signing secret shown under the endpoint below.
        </p>
      )}
      <button type="submit" disabled={create.isPending}>
        Create webhook
      </button>
    </form>
  );
}

function WebhookRow({ hook }: { hook: Webhook }) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const error = update.error ?? remove.error;
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
      <details>
        <summary>Signing secret</summary>
        <code>{hook.secret}</code>
      </details>
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
        className="secondary danger"
        disabled={remove.isPending}
        onClick={() => window.confirm(`Delete the webhook to ${hook.url}?`) && remove.mutate(hook.id)}
      >
        Delete
      </button>
      {error && <p role="alert">{error.message}</p>}
    </>
  );
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
                <td className={d.succeeded ? 'stock' : 'stock out'}>
                  {d.succeeded ? `delivered (${d.responseStatus})` : `failed: ${d.error ?? d.responseStatus}`}
                </td>
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
