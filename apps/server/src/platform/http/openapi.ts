import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The OpenAPI document is generated from the same TypeBox schemas that validate requests. */
export const openApiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      // Shared schemas are named by their $id (Order, Product…) rather than def-0, def-1…
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Igniflo API',
          version: '1.0.0',
          description:
            'Order management and live order tracking. Errors use the shape of the ErrorResponse schema.',
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            carrierSignature: {
              type: 'apiKey',
              in: 'header',
              name: 'x-carrier-signature',
              description: 'Hex HMAC-SHA256 of the raw body with CARRIER_WEBHOOK_SECRET',
            },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'openapi' },
);
