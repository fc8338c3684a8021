import type { AuditEntry } from '@igniflo/contract';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

export const useAuditLog = (filter: { entityType: string; action: string }) =>
  usePagedList<AuditEntry>(keys.audit(filter), '/admin/audit', filter);
