import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, type Role } from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../orders/orders.service.ts';
import type { DocumentsService } from './documents.service.ts';

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

type Printed = { orderNumber: string; pdf: Buffer };

export const documentsRoutes: FastifyPluginAsyncTypebox<{ documents: DocumentsService }> = async (
  app,
  { documents },
) => {
  /** A PDF of an order at `/orders/:id/<name>.pdf`, shown in the browser, named after the order. */
  function pdfRoute(
    name: string,
    roles: Role[],
    text: { summary: string; description: string },
    print: (actor: Actor, orderId: string) => Promise<Printed>,
  ) {
    app.get(
      `/orders/:id/${name}.pdf`,
      {
        onRequest: app.requireUser(...roles),
        schema: {
          tags: ['orders'],
          security: [{ bearerAuth: [] }],
          params: IdParams,
          ...text,
          response: {
            200: {
              description: 'The document, A4',
              content: {
                'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const { orderNumber, pdf } = await print(actor(request), request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}-${orderNumber}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );
  }

  pdfRoute(
    'packing-slip',
    ['STAFF', 'ADMIN'],
    {
      summary: "An order's packing slip (PDF)",
      description: 'What goes in the box and where it goes: the lines and their quantities, no prices.',
    },
    (actor, id) => documents.packingSlip(actor, id),
  );

  pdfRoute(
    'invoice',
    [],
    {
      summary: "An order's invoice (PDF)",
      description:
        "The lines with their prices, the total, refunds and whether it is paid. For the order's customer, staff and admins; another customer's order is 404.",
    },
    (actor, id) => documents.invoice(actor, id),
  );
};
