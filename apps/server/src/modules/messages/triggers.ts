/** Which order events the customer is told of, and with which template (SPEC §13). */
import { readEventData, type OrderEventRow } from '../order-log/order-log.ts';
import type { OrderTemplate } from './templates/order-messages.ts';

const BY_STATUS: Partial<Record<string, OrderTemplate>> = {
  CONFIRMED: 'order_confirmed',
  DELIVERED: 'order_delivered',
  CANCELLED: 'order_cancelled',
};

const BY_PACKAGE_STATUS: Partial<Record<string, OrderTemplate>> = {
  OUT_FOR_DELIVERY: 'out_for_delivery',
  EXCEPTION: 'delivery_exception',
};

const BY_RETURN_STATUS: Partial<Record<string, OrderTemplate>> = {
  APPROVED: 'return_approved',
  REJECTED: 'return_rejected',
  RECEIVED: 'return_received',
};

/** The template for an event, or undefined when it is not one the customer is messaged about. */
export function templateFor(event: Pick<OrderEventRow, 'type' | 'to_status' | 'visibility' | 'data'>) {
  if (event.visibility !== 'customer') return undefined;
  switch (event.type) {
    case 'created':
      return 'order_placed';
    case 'status_changed':
      return event.to_status ? BY_STATUS[event.to_status] : undefined;
    case 'shipment_created':
      return 'package_shipped';
    case 'shipment_updated': {
      const status = readEventData(event).shipment?.status;
      return status ? BY_PACKAGE_STATUS[status] : undefined;
    }
    case 'return_updated': {
      const status = readEventData(event).return?.status;
      return status ? BY_RETURN_STATUS[status] : undefined;
    }
    case 'items_edited':
      return 'items_edited';
    case 'refund_recorded':
      return 'refund_recorded';
    // Customers see these on the order page; Shopify mails none of them either.
    case 'updated':
    case 'note_added':
    case 'assigned':
    case 'payment_received':
    case 'media_added':
    case 'return_requested':
      return undefined;
  }
}
