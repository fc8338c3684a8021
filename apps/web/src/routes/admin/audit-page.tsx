import { PageHeading } from '../../components/page-heading.tsx';
import { AdminNav } from '../../components/admin-nav.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterInput, FilterSelect } from '../../components/filter-form.tsx';
import { useAuditLog } from '../../hooks/api/audit.ts';
import type { AuditEntry } from '@igniflo/contract';
import { formatTime } from '../../lib/api.ts';
import { useUrlFilter } from '../../lib/url-state.ts';

const KINDS = [
  { value: '', label: 'Everything' },
  { value: 'product', label: 'Products' },
  { value: 'user', label: 'Users' },
  { value: 'webhook', label: 'Webhooks' },
];

const col = columnsOf<AuditEntry>();
const columns = col.columns([
  col.accessor('at', { header: 'When', cell: ({ getValue }) => formatTime(getValue()) }),
  col.accessor('action', { header: 'Action', meta: { alwaysShown: true } }),
  col.accessor((entry) => `${entry.entityType} ${entityName(entry) ?? entry.entityId}`, {
    id: 'what',
    header: 'What',
    cell: ({ row: { original: entry } }) => (
      <>
        {entry.entityType}{' '}
        {entityName(entry) ?? <code title={entry.entityId}>{entry.entityId.slice(0, 8)}</code>}
      </>
    ),
  }),
  col.accessor((entry) => (entry.actorId ? (entry.actorName ?? entry.actorId) : 'system'), {
    id: 'by',
    header: 'By',
    cell: ({ row: { original: entry } }) =>
      entry.actorId ? (
        <>
          {entry.actorName ?? <code>{entry.actorId.slice(0, 8)}</code>}
          {entry.actorEmail && <span className="text-muted-foreground"> {entry.actorEmail}</span>}
        </>
      ) : (
        'system'
      ),
  }),
  col.display({
    id: 'change',
    header: 'Change',
    cell: ({ row: { original: entry } }) => (
      <details className="text-left">
        <summary className="cursor-pointer">Before and after</summary>
        <pre className="max-w-[30rem] text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
          {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
        </pre>
      </details>
    ),
  }),
]);

/** Who changed products, users and webhooks, and how: newest first, filters kept in the address. */
export function AuditPage() {
  const [filter, setFilter] = useUrlFilter(['entityType', 'action']);
  const log = useAuditLog(filter);
  return (
    <section aria-labelledby="audit-title">
      <AdminNav />
      <PageHeading id="audit-title" title="Audit log" />
      <FilterForm filter={filter} onApply={setFilter} submitLabel="Filter">
        <FilterSelect id="audit-entity" label="Kind" name="entityType" filter={filter} options={KINDS} />
        <FilterInput id="audit-action" label="Action (e.g. product.update)" name="action" filter={filter} />
      </FilterForm>
      <PagedTable
        list={log}
        what="the audit log"
        empty="Nothing recorded yet."
        columns={columns}
        caption="Audit entries"
        captionHidden
        getRowId={(e) => String(e.id)}
      />
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
