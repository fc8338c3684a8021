import { PageHeading } from '../../components/page-heading.tsx';
import { useState } from 'react';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore, Table } from '../../components/list-state.tsx';
import { useAuditLog } from '../../hooks/api/audit.ts';
import type { AuditEntry } from '@igniflo/contract';
import { formatTime } from '../../lib/api.ts';

/** Who changed products, users and webhooks, and how: newest first. */
export function AuditPage() {
  const [filter, setFilter] = useState({ entityType: '', action: '' });
  const [action, setAction] = useState('');
  const log = useAuditLog(filter);
  return (
    <section aria-labelledby="audit-title">
      <AdminNav />
      <PageHeading id="audit-title" title="Audit log" />
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, action: action.trim() });
        }}
      >
        <label htmlFor="audit-entity">Kind</label>
        <select
          id="audit-entity"
          value={filter.entityType}
          onChange={(e) => setFilter({ ...filter, entityType: e.target.value })}
        >
          <option value="">Everything</option>
          <option value="product">Products</option>
          <option value="user">Users</option>
          <option value="webhook">Webhooks</option>
        </select>
        <label htmlFor="audit-action">Action (e.g. product.update)</label>
        <input id="audit-action" value={action} onChange={(e) => setAction(e.target.value)} />
        <button type="submit">Filter</button>
      </form>
      <ListState list={log} what="the audit log" empty="Nothing recorded yet." />
      <Table label="Audit entries">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">What</th>
            <th scope="col">By</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {log.items.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTime(entry.at)}</td>
              <td>{entry.action}</td>
              <td>
                {entry.entityType}{' '}
                {entityName(entry) ?? <code title={entry.entityId}>{entry.entityId.slice(0, 8)}</code>}
              </td>
              <td>
                {entry.actorId ? (
                  <>
                    {entry.actorName ?? <code>{entry.actorId.slice(0, 8)}</code>}
                    {entry.actorEmail && <span className="muted"> {entry.actorEmail}</span>}
                  </>
                ) : (
                  'system'
                )}
              </td>
              <td>
                <details>
                  <summary>Before and after</summary>
                  <pre>{JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ShowMore list={log} />
    </section>
  );
}

/**
 * What an entry is about, by the name people know it by (a product's or a user's name, a webhook's
 * address), read from the record as it was after the change (or before, for a removal); null when
 * the record names none.
 */
export function entityName(entry: Pick<AuditEntry, 'before' | 'after'>): string | null {
  for (const state of [entry.after, entry.before]) {
    if (state && typeof state === 'object') {
      for (const field of ['name', 'url', 'email', 'sku'] as const) {
        const value = (state as Record<string, unknown>)[field];
        if (typeof value === 'string' && value) return value;
      }
    }
  }
  return null;
}
