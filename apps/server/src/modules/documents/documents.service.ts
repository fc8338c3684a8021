/**
 * An order's printed documents (SPEC §14): the packing slip for whoever packs it, the invoice for
 * its customer and staff. Read through the orders service, so who may see an order decides who
 * may print it: another customer's order is "not found".
 */
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import { invoicePdf, packingSlipPdf } from './order-pdf.ts';

export type DocumentsService = ReturnType<typeof createDocumentsService>;

export function createDocumentsService({ orders, shopName }: { orders: OrdersService; shopName: string }) {
  return {
    async packingSlip(actor: Actor, orderId: string): Promise<{ orderNumber: string; pdf: Buffer }> {
      const order = await orders.get(actor, orderId);
      return { orderNumber: order.orderNumber, pdf: await packingSlipPdf(order, shopName) };
    },

    async invoice(actor: Actor, orderId: string): Promise<{ orderNumber: string; pdf: Buffer }> {
      const order = await orders.get(actor, orderId);
      return { orderNumber: order.orderNumber, pdf: await invoicePdf(order, shopName) };
    },
  };
}
