import { QUOTE_READY_NOTE, type OrderStatus } from '@igniflo/contract';
import type { OrderEventRow } from '../order-log/order-log.ts';

const STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING: 'has been received',
  CONFIRMED: 'is confirmed',
  IN_PROGRESS: 'is being prepared',
  PARTIALLY_SHIPPED: 'has partly shipped',
  SHIPPED: 'has shipped',
  DELIVERED: 'has been delivered',
  COMPLETED: 'is complete',
  ON_HOLD: 'is on hold',
  CANCELLED: 'was cancelled',
};

/**
 * A return's step is noted "Return 1: approved — …" (returns/return-rules.ts describeReturn): the
 * word after the colon says what happened, in the title.
 */
const RETURN_TITLES: Record<string, string> = {
  approved: 'your return is approved, you can send the items back',
  rejected: 'your return was not accepted',
  received: 'your returned items have arrived',
  refunded: 'your return is refunded',
  closed: 'your return is closed',
};

const returnTitle = (note: string | null): string =>
  RETURN_TITLES[/^Return \d+: (\w+)/.exec(note ?? '')?.[1] ?? ''] ?? 'update on your return';

/** The customer-facing title and body of the notification an order event creates. */
export function describeEvent(
  described: Pick<OrderEventRow, 'type'> & Partial<Pick<OrderEventRow, 'to_status' | 'note'>>,
  orderNumber: string,
): { title: string; body: string | null } {
  const event = { ...described, to_status: described.to_status ?? null, note: described.note ?? null };
  const order = `Order ${orderNumber}`;
  switch (event.type) {
    case 'created':
      return { title: `${order} ${STATUS_TEXT.PENDING}`, body: null };
    case 'status_changed':
      return {
        title: `${order} ${event.to_status ? STATUS_TEXT[event.to_status] : 'changed status'}`,
        body: event.note,
      };
    case 'updated':
      return { title: `${order} was updated`, body: event.note };
    case 'note_added':
      return { title: `New message about order ${orderNumber}`, body: event.note };
    case 'payment_received':
      return { title: `${order}: ${event.note ?? 'payment updated'}`, body: null };
    case 'media_added':
      return { title: `New file on order ${orderNumber}`, body: event.note };
    case 'shipment_created':
      return { title: `${order}: a package is on its way`, body: event.note };
    case 'shipment_updated':
      return { title: `${order}: package update`, body: event.note };
    case 'assigned':
      return { title: `${order} was assigned`, body: null };
    case 'return_requested':
      return { title: `${order}: we have your return request`, body: event.note };
    case 'return_updated':
      return { title: `${order}: ${returnTitle(event.note)}`, body: event.note };
    case 'refund_recorded':
      return { title: `${order}: refund issued`, body: event.note };
    case 'items_edited':
      // A custom request priced for the first time: its note begins with the quote.
      return event.note?.startsWith(QUOTE_READY_NOTE)
        ? { title: `${order}: your quote is ready`, body: event.note }
        : { title: `${order}: items changed`, body: event.note };
  }
}
