import {
  Order as OrderSchema,
  type Address,
  type Order,
  type OrderEvent,
  type PaymentStatus,
  type Role,
  type Shipment,
} from '@igniflo/contract';
import fastJson from 'fast-json-stringify';
import { allowedMoves } from './order-workflow.ts';
import type { OrderEventRow } from '../order-log/order-log.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

/** Refunds first: an order refunded in full is REFUNDED whatever else is said of its payment. */
export function paymentStatusOf(order: {
  paymentReceived: boolean;
  totalCents: number;
  refundedCents: number;
}): PaymentStatus {
  if (order.refundedCents > 0) {
    return order.refundedCents >= order.totalCents ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  return order.paymentReceived ? 'PAID' : 'UNPAID';
}

export function toOrder(
  row: OrderRow,
  items: OrderItemRow[],
  shipments: Shipment[],
  viewerRole: Role,
): Order {
  return {
    id: row.id,
    orderNumber: row.order_number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    items: items.map((item) => ({
      productId: item.product_id,
      sku: item.sku,
      name: item.name,
      unitPriceCents: item.unit_price_cents,
      quantity: item.quantity,
      options: JSON.parse(item.options) as Record<string, string>,
    })),
    title: row.title,
    description: row.description,
    specialInstructions: row.special_instructions,
    totalCents: row.total_cents,
    currency: row.currency,
    status: row.status,
    heldFromStatus: row.held_from_status,
    paymentReceived: row.payment_received === 1,
    refundedCents: row.refunded_cents,
    paymentStatus: paymentStatusOf({
      paymentReceived: row.payment_received === 1,
      totalCents: row.total_cents,
      refundedCents: row.refunded_cents,
    }),
    shippingAddress: row.shipping_address ? (JSON.parse(row.shipping_address) as Address) : null,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    estimatedDelivery: row.estimated_delivery,
    assignedStaffId: row.assigned_staff_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusUpdatedAt: row.status_updated_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
    version: row.version,
    shipments,
    allowedTransitions: allowedMoves({ status: row.status, heldFrom: row.held_from_status }, viewerRole),
  };
}

/** One order as JSON, by the contract's schema: what Fastify writes for a response of that schema. */
export const renderOrder: (order: Order) => string = fastJson(OrderSchema);

export const toOrderEvent = (row: OrderEventRow): OrderEvent => ({
  id: row.id,
  orderId: row.order_id,
  type: row.type,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  actorId: row.actor_id,
  note: row.note,
  visibility: row.visibility,
  at: row.at,
});
