import { EventEmitter } from 'node:events';
import type { OrderEventRow } from '../modules/orders/orders.table.ts';

/**
 * In-process notification that an order event committed. The event row itself is the source of
 * truth (written in the same transaction as the change); listeners such as live streams and
 * webhooks use this only as a wake-up.
 */
export class DomainEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(events: OrderEventRow[]): void {
    for (const event of events) this.#emitter.emit('order-event', event);
  }

  subscribe(listener: (event: OrderEventRow) => void): () => void {
    this.#emitter.on('order-event', listener);
    return () => this.#emitter.off('order-event', listener);
  }
}
