/**
 * POST /carrier/events: tracking updates from a carrier or aggregator, signed with the shared
 * secret instead of a user's token. Without CARRIER_WEBHOOK_SECRET the route does not exist (404).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CarrierEventBody, CarrierEventResult, ErrorCode } from '@igniflo/contract';
import { AppError, notFound } from '../../lib/errors.ts';
import { validCarrierSignature } from './carrier-signature.ts';
import type { ShipmentsService } from './shipments.service.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as it arrived, for the signature; set on the carrier route only. */
    rawBody?: Buffer;
  }
}

export const carrierEventsRoutes: FastifyPluginAsyncTypebox<{
  shipments: ShipmentsService;
  secret: string | null;
}> = async (app, { shipments, secret }) => {
  // The signature covers the bytes as sent, so they are kept before parsing (this plugin only).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
    request.rawBody = bytes;
    void parseJson(request, bytes.toString('utf8'), done);
  });

  app.post(
    '/carrier/events',
    {
      onRequest: async () => {
        if (secret === null) throw notFound('Route');
      },
      // Before the body is validated: an unsigned request learns nothing about the schema.
      preValidation: async (request) => {
        const header = request.headers['x-carrier-signature'];
        const signed =
          secret !== null &&
          request.rawBody !== undefined &&
          validCarrierSignature(secret, request.rawBody, typeof header === 'string' ? header : undefined);
        if (!signed) throw new AppError(ErrorCode.UNAUTHENTICATED, 401, 'Invalid carrier signature');
      },
      schema: {
        tags: ['shipments'],
        security: [{ carrierSignature: [] }],
        headers: Type.Object({ 'x-carrier-signature': Type.String() }),
        body: CarrierEventBody,
        response: {
          200: CarrierEventResult,
          202: CarrierEventResult,
          ...alsoAnswers({ 404: 'No CARRIER_WEBHOOK_SECRET is set, so the route is off' }),
        },
        description:
          'Carriers and tracking aggregators (no user role): a package status update, signed with HMAC-SHA256 of the raw body in `x-carrier-signature` (hex) using CARRIER_WEBHOOK_SECRET; see docs/carrier-events.md. 401 for a wrong signature; 404 when no secret is configured. Unknown tracking numbers and finished packages: 202 `ignored`. A report seen before (same tracking number, status and time): 200 `duplicate`, nothing changes.',
      },
    },
    async (request, reply) => {
      const result = await shipments.carrierEvent(request.body);
      return reply.status(result === 'ignored' ? 202 : 200).send({ result });
    },
  );
};
