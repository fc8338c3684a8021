import type { FastifyReply } from 'fastify';

/**
 * A response body already serialized: UTF-8 JSON of a `T`, built by code that renders it with the
 * route's own response schema (the orders list keeps orders rendered between requests). The type
 * parameter records what the bytes hold, so a route can only send bytes of its response type.
 */
declare const holds: unique symbol;
export type JsonBytes<T> = Buffer & { readonly [holds]: T };

export const asJsonBytes = <T>(bytes: Buffer): JsonBytes<T> => bytes as JsonBytes<T>;

/**
 * Sends the bytes as they are: Fastify passes a Buffer through without serializing it, so the
 * route's response schema is not applied a second time.
 */
export function sendJsonBytes<T>(reply: FastifyReply, bytes: JsonBytes<T>): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(bytes);
}
