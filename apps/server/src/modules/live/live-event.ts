import type { LiveOrderEvent, TrackEvent, TrackPackageEvent } from '@igniflo/contract';
import { toNotification } from '../notifications/notifications.mapper.ts';
import type { NotificationRow } from '../notifications/notifications.table.ts';
import { toOrderEvent } from '../orders/orders.mapper.ts';
import {
  PACKAGE_TYPES,
  TRACKER_STREAM_TYPES,
  type FeedRow,
  type StreamScope,
} from '../order-log/order-log.ts';

const isPackageEvent = (type: string) => (PACKAGE_TYPES as readonly string[]).includes(type);

/**
 * One order event on its way to many streams. Each audience's SSE frame is serialized once and
 * shared by every stream of that audience.
 */
export class LiveEvent {
  #frames = new Map<StreamScope['kind'], string>();

  constructor(
    readonly row: FeedRow,
    readonly notification: NotificationRow | undefined,
  ) {}

  get id(): number {
    return this.row.id;
  }

  visibleTo(scope: StreamScope): boolean {
    switch (scope.kind) {
      case 'all':
        return true;
      case 'customer':
        return this.row.customer_id === scope.userId && this.row.visibility === 'customer';
      case 'order':
        return this.row.order_id === scope.orderId && TRACKER_STREAM_TYPES.includes(this.row.type);
    }
  }

  frame(scope: StreamScope): string {
    let frame = this.#frames.get(scope.kind);
    if (frame === undefined) {
      const [event, data] = this.#payload(scope);
      frame = `id: ${this.row.id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      this.#frames.set(scope.kind, frame);
    }
    return frame;
  }

  #payload(
    scope: StreamScope,
  ): ['order', LiveOrderEvent] | ['status', TrackEvent] | ['package', TrackPackageEvent] {
    const { row } = this;
    switch (scope.kind) {
      case 'order':
        if (isPackageEvent(row.type)) {
          return ['package', { id: row.id, orderNumber: row.order_number, at: row.at }];
        }
        return [
          'status',
          { id: row.id, orderNumber: row.order_number, status: row.to_status ?? 'PENDING', at: row.at },
        ];
      case 'customer':
        return [
          'order',
          {
            ...toOrderEvent(row),
            orderNumber: row.order_number,
            ...(this.notification ? { notification: toNotification(this.notification) } : {}),
          },
        ];
      case 'all':
        return ['order', { ...toOrderEvent(row), orderNumber: row.order_number }];
    }
  }
}
