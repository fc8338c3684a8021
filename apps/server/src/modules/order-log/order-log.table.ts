import type { Generated, Insertable, Selectable } from 'kysely';
import type { OrderEventType, OrderStatus, Visibility } from '@igniflo/contract';

/** The order history, and the outbox that live events and webhooks are driven from. */
export interface OrderEventsTable {
  id: Generated<number>;
  order_id: string;
  type: OrderEventType;
  from_status: OrderStatus | null;
  to_status: OrderStatus | null;
  actor_id: string | null;
  note: string | null;
  visibility: Visibility;
  at: string;
  /** JSON of the event's details beyond its note (EventData), for subscribers such as messages. */
  data: string | null;
}
export type OrderEventRow = Selectable<OrderEventsTable>;
/** Every column by name, for prepared() statements, which name what they return (platform/db/prepared.ts). */
export const ORDER_EVENT_COLUMNS = [
  'id',
  'order_id',
  'type',
  'from_status',
  'to_status',
  'actor_id',
  'note',
  'visibility',
  'at',
  'data',
] as const satisfies readonly (keyof OrderEventsTable)[];
export type NewOrderEventRow = Insertable<OrderEventsTable>;
