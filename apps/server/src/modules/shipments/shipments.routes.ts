import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddShipmentEventBody,
  CreateShipmentBody,
  IdParams,
  Shipment,
  ShipmentParams,
} from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../orders/orders.service.ts';
import type { ShipmentsService } from './shipments.service.ts';

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

export const shipmentsRoutes: FastifyPluginAsyncTypebox<{ shipments: ShipmentsService }> = async (
  app,
  { shipments },
) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['shipments'];

  app.post(
    '/orders/:id/shipments',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        params: IdParams,
        body: CreateShipmentBody,
        response: { 201: Shipment },
        description:
          'Staff and admin. Ships items of an order that is IN_PROGRESS or PARTIALLY_SHIPPED as one package. The order becomes PARTIALLY_SHIPPED, or SHIPPED once nothing is left. Quantities above what is still unshipped: 409 OVER_FULFILLED, nothing stored. `items` may be empty only for an order without items (a custom request).',
      },
    },
    async (request, reply) =>
      reply.status(201).send(await shipments.create(actor(request), request.params.id, request.body)),
  );

  app.post(
    '/orders/:id/shipments/:shipmentId/events',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        params: ShipmentParams,
        body: AddShipmentEventBody,
        response: { 200: Shipment },
        description:
          "Staff and admin. Records a package's status (`at` defaults to now). Any status may follow any other, except after DELIVERED or RETURNED_TO_SENDER (409 INVALID_TRANSITION). The same status at the same time again changes nothing. When every package of a SHIPPED order is DELIVERED, the order is DELIVERED.",
      },
    },
    (request) =>
      shipments.addEvent(actor(request), request.params.id, request.params.shipmentId, request.body),
  );
};
