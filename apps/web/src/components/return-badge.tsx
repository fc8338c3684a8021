import type { ReturnStatus } from '@igniflo/contract';
import { Badge, type Tone } from './ui/badge.tsx';

export const RETURN_STATUS_LABEL: Record<ReturnStatus, string> = {
  REQUESTED: 'Requested',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  RECEIVED: 'Received',
  REFUNDED: 'Refunded',
  CLOSED: 'Closed',
};

/** Waiting on the shop is a warning; under way is info; settled is success; an outcome is neutral. */
const RETURN_TONE: Record<ReturnStatus, Tone> = {
  REQUESTED: 'warning',
  APPROVED: 'info',
  RECEIVED: 'info',
  REFUNDED: 'success',
  REJECTED: 'neutral',
  CLOSED: 'neutral',
};

export function ReturnBadge({ status }: { status: ReturnStatus }) {
  return <Badge tone={RETURN_TONE[status]}>{RETURN_STATUS_LABEL[status]}</Badge>;
}
