import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '@igniflo/contract';
import { forbidden, unauthenticated } from '../lib/errors.ts';

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The refresh-token family (session) this access token belongs to. */
  sid: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook: the caller must be signed in, and have one of `roles` when given. */
    requireUser(...roles: Role[]): onRequestAsyncHookHandler;
    /** Verifies the bearer token and role now; what requireUser does, for handlers that also accept other credentials. */
    verifyAccess(request: FastifyRequest, roles?: Role[]): Promise<void>;
  }
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** The account behind a token, read on every request so that deactivation and role changes apply at once. */
export type LoadAccount = (userId: string) => Promise<{ role: Role; active: boolean } | undefined>;

export const authPlugin = fp<{ secret: string; loadAccount: LoadAccount }>(
  async (app, { secret, loadAccount }) => {
    await app.register(fastifyJwt, {
      secret,
      sign: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      // Only HS256 is accepted: a token claiming "alg: none" or another algorithm is refused.
      verify: { algorithms: ['HS256'] },
    });

    async function verifyAccess(request: FastifyRequest, roles: Role[] = []): Promise<void> {
      try {
        await request.jwtVerify();
      } catch {
        throw unauthenticated('A valid access token is required');
      }
      const account = await loadAccount(request.user.sub);
      if (!account?.active) throw unauthenticated('This account is not active');
      request.user.role = account.role;
      if (roles.length > 0 && !roles.includes(request.user.role)) throw forbidden();
    }
    app.decorate('verifyAccess', verifyAccess);
    app.decorate(
      'requireUser',
      (...roles: Role[]): onRequestAsyncHookHandler =>
        (request) =>
          verifyAccess(request, roles),
    );
  },
  { name: 'auth' },
);
