import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteOptions } from 'fastify';
import { ErrorResponse, type Role } from '@igniflo/contract';
import { REQUIRED_ROLES } from './auth.ts';

/** Every tag an operation may carry, declared once with what it groups. */
const TAGS = [
  { name: 'auth', description: 'Accounts, sign-in, sessions and one-time codes' },
  { name: 'users', description: 'The signed-in user, and users as admins manage them' },
  { name: 'products', description: 'The catalog and its stock' },
  { name: 'cart', description: "The signed-in customer's cart" },
  { name: 'wishlist', description: "The signed-in customer's wishlist" },
  { name: 'orders', description: 'Placing, reading, moving and changing orders' },
  { name: 'shipments', description: 'Packages of an order and their tracking' },
  { name: 'edits', description: "Changing an order's items, and pricing custom requests" },
  { name: 'carrier', description: 'Tracking updates sent in by carriers' },
  { name: 'returns', description: 'Returns (RMA): items a customer sends back, and what staff decide' },
  { name: 'refunds', description: 'Refunds recorded against an order' },
  { name: 'media', description: 'Photos and files on orders' },
  { name: 'notifications', description: "The signed-in user's notifications" },
  { name: 'messages', description: 'Email and text messages to customers, and their preferences' },
  { name: 'tracking', description: 'Public order tracking by order number' },
  { name: 'events', description: 'Live order events as Server-Sent Events' },
  { name: 'admin', description: 'Dashboard and analytics' },
  { name: 'webhooks', description: 'Webhook subscriptions and their deliveries' },
  { name: 'audit', description: 'The audit log of admin actions' },
];

type Schema = Record<string, unknown> & {
  response?: Record<string, unknown>;
  security?: unknown[];
  consumes?: string[];
  body?: unknown;
};

const error = (description: string) => ({ $ref: 'ErrorResponse#', description });

/**
 * A route's own errors, beyond those every operation of its kind is documented with (see
 * `documented`): spread into its response schema, e.g. `response: { 200: Session, ...alsoAnswers({
 * 401: 'The email or password is wrong' }) }`. Errors are sent in the ErrorResponse shape either way.
 */
export const alsoAnswers = (errors: Partial<Record<401 | 403 | 404 | 409 | 422, string>>) =>
  Object.fromEntries(Object.entries(errors).map(([status, description]) => [status, error(description)]));

/** `GET /api/v1/orders/:id/history` → `getOrdersByIdHistory`: unique, and stable while the path is. */
function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[-_.]/))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return method.toLowerCase() + words.join('');
}

function rolesOf(route: RouteOptions): Role[] | undefined {
  const hooks = [route.onRequest ?? []].flat() as unknown as Record<symbol, Role[] | undefined>[];
  return hooks.find((hook) => hook[REQUIRED_ROLES])?.[REQUIRED_ROLES];
}

function whoMay(roles: Role[] | undefined, signedIn: boolean, signed: boolean): string {
  if (roles && roles.length > 0) return `Who may call it: ${roles.map((r) => r.toLowerCase()).join(', ')}.`;
  if (roles || signedIn) return 'Who may call it: any signed-in user (customers only for what is theirs).';
  if (signed) return 'Who may call it: a sender holding the credential its security scheme names.';
  return 'Who may call it: anyone.';
}

/**
 * Completes an operation for the document: an operationId, who may call it, and the errors it can
 * answer, all in the ErrorResponse shape. Only the document changes; validation and serialization
 * keep the route's own schema.
 */
function documented(schema: Schema, url: string, route: RouteOptions): Schema {
  const method = [route.method].flat()[0] ?? 'GET';
  const roles = rolesOf(route);
  const schemes = (schema.security ?? []).flatMap((s) => Object.keys(s as object));
  const signedIn = roles !== undefined || schemes.includes('bearerAuth');
  const signed = schemes.length > 0;
  const writes = method !== 'GET' && method !== 'HEAD';
  const errors: Record<string, unknown> = {
    400: error('The request is malformed or invalid: the details name each field'),
    ...(signed && { 401: error('No valid access token or signature, or the session has ended') }),
    ...(signedIn && { 403: error('The caller may not do this') }),
    ...(url.includes('/:') && { 404: error('Nothing here, or nothing the caller may see') }),
    ...(writes && { 409: error('The change conflicts with the current state') }),
    ...(writes && { 413: error('The body is larger than allowed') }),
    ...(writes && { 415: error('The body is not of a type this operation takes') }),
    429: error('Too many requests: retry after the time in Retry-After'),
    500: error('Something failed on the server'),
    503: error('The service is temporarily unavailable'),
  };
  const uploads = schema.consumes?.includes('multipart/form-data') && schema.body === undefined;
  return {
    ...schema,
    operationId: schema.operationId ?? operationId(method, url),
    description: [schema.description, whoMay(roles, signedIn, signed)].filter(Boolean).join('\n\n'),
    response: { ...errors, ...schema.response },
    ...(uploads && { body: ONE_FILE }),
    [RATE_LIMITED]: (route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== false,
  };
}

/** Keys sorted, so that two copies of one schema print the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Every copy of a named schema (Order, Product…: those with a TypeBox `$id`, which the generator
 * collects in components) replaced by a reference to it, so the document and the client generated
 * from it name each type once.
 */
function byReference<D extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(
  document: D,
): D {
  const named = new Map(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [canonical(schema), name]),
  );
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const name = named.get(canonical(node));
    if (name) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
  };
  return { ...document, paths: visit(document.paths) };
}

/** An upload's body, for the document only: the route reads the stream itself (media-upload.ts). */
const ONE_FILE = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: { file: { type: 'string', format: 'binary', description: 'The one file; no other parts' } },
};

/** Set on an operation by `documented`, read and removed by `withHeaders`. */
const RATE_LIMITED = 'x-igniflo-rate-limited';

const header = (description: string, schema: object = { type: 'string' }) => ({ description, schema });
const HEADERS = {
  'X-Request-Id': header('The id of this request, also in error bodies and the server log'),
  'Retry-After': header('Seconds to wait before trying again', { type: 'integer' }),
  'X-RateLimit-Limit': header('Requests allowed per client per minute', { type: 'integer' }),
  'X-RateLimit-Remaining': header('Requests left in the current minute', { type: 'integer' }),
  'X-RateLimit-Reset': header('Seconds until the current minute ends', { type: 'integer' }),
  'Idempotent-Replayed': header(
    '"true" when this is the stored answer to an earlier request with the same Idempotency-Key',
    {
      type: 'string',
      enum: ['true'],
    },
  ),
};
const ref = (name: keyof typeof HEADERS) => ({ [name]: { $ref: `#/components/headers/${name}` } });

interface OperationObject {
  [RATE_LIMITED]?: boolean;
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

/**
 * The response headers of every operation: the request id on all, the rate-limit headers where the
 * limit applies, Retry-After on 429, Idempotent-Replayed where an Idempotency-Key is taken.
 */
function withHeaders(document: { paths?: Record<string, Record<string, OperationObject>> }) {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const limited = operation[RATE_LIMITED] === true;
      delete operation[RATE_LIMITED];
      const idempotent = operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key');
      for (const [status, response] of Object.entries(operation.responses)) {
        response.headers = {
          ...response.headers,
          ...ref('X-Request-Id'),
          ...(limited && {
            ...ref('X-RateLimit-Limit'),
            ...ref('X-RateLimit-Remaining'),
            ...ref('X-RateLimit-Reset'),
          }),
          ...(status === '429' && ref('Retry-After')),
          ...(idempotent && status.startsWith('2') && ref('Idempotent-Replayed')),
        };
      }
    }
  }
  return document;
}

/** The OpenAPI document is generated from the same TypeBox schemas that validate requests. */
export const openApiPlugin = fp(
  async (app) => {
    app.addSchema(ErrorResponse);
    await app.register(swagger, {
      // Shared schemas are named by their $id (Order, Product…) rather than def-0, def-1…
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
      transform: ({ schema, url, route }) =>
        schema && !schema.hide
          ? { schema: documented(schema as Schema, url, route) as typeof schema, url }
          : { schema, url },
      transformObject: (document) =>
        withHeaders(byReference('openapiObject' in document ? (document.openapiObject as never) : {})),
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Igniflo API',
          version: '1.0.0',
          description:
            'Order management and live order tracking. Every error answers in the shape of the ErrorResponse schema, with the request id.',
          contact: { name: 'The Igniflo team' },
        },
        servers: [{ url: '/' }],
        tags: TAGS,
        components: {
          headers: HEADERS,
          securitySchemes: {
            streamTicket: {
              type: 'apiKey',
              in: 'query',
              name: 'ticket',
              description:
                'A single-use ticket from POST /api/v1/events/ticket, valid for 60 seconds, for clients such as EventSource that cannot send an Authorization header',
            },
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
