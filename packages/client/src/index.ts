/**
 * A typed client for the Igniflo API (openapi-fetch over the generated types): paths, parameters,
 * bodies and answers are checked by the compiler.
 *
 *   const api = createIgnifloClient('https://shop.example', { token });
 *   const { data, error } = await api.GET('/api/v1/orders/{id}', { params: { path: { id } } });
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, paths } from './schema.ts';
export type IgnifloSchemas = components['schemas'];
export type IgnifloClient = Client<paths>;

export interface ClientOptions {
  /** An access token from POST /api/v1/auth/login, sent as a bearer token. */
  token?: string | (() => string | undefined);
  /** The fetch to use (the global one by default). */
  fetch?: typeof fetch;
}

export function createIgnifloClient(baseUrl: string, options: ClientOptions = {}): IgnifloClient {
  const client = createClient<paths>({ baseUrl, ...(options.fetch && { fetch: options.fetch }) });
  const { token } = options;
  if (token !== undefined) {
    const bearer: Middleware = {
      onRequest({ request }) {
        const value = typeof token === 'function' ? token() : token;
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
