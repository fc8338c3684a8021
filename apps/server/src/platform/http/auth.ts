import fp from 'fastify-plugin';
import { createSigner, createVerifier } from 'fast-jwt';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '@igniflo/contract';
import { forbidden, unauthenticated } from '../../lib/errors.ts';

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The session this access token belongs to: revoking it ends the token at once. */
  sid: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once verifyAccess (or requireUser) has passed. */
    user: AccessClaims;
  }
  interface FastifyInstance {
    /** Signs an access token for these claims, valid for ACCESS_TOKEN_TTL_SECONDS. */
    signAccessToken(claims: AccessClaims): string;
    /** An onRequest hook: the caller must be signed in, and have one of `roles` when given. */
    requireUser(...roles: Role[]): onRequestAsyncHookHandler;
    /** Verifies the bearer token and role now; what requireUser does, for handlers that also accept other credentials. */
    verifyAccess(request: FastifyRequest, roles?: Role[]): Promise<void>;
    /** Signs the request in as this user's session if the session is live (for credentials other than a bearer token). */
    verifySession(request: FastifyRequest, userId: string, sessionId: string): Promise<void>;
  }
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** On a requireUser() hook: the roles it lets through (none listed: any signed-in user). */
export const REQUIRED_ROLES = Symbol('required roles');
const VERIFIED_TOKENS_KEPT = 10_000;

/** The session behind a token and its account, checked on every request so that revocation applies at once. */
export type FindSession = (
  sessionId: string,
) => Promise<{ userId: string; role: Role; active: boolean } | null>;

export const authPlugin = fp<{ secret: string; findSession: FindSession }>(
  async (app, { secret, findSession }) => {
    // fast-jwt directly, not through @fastify/jwt, whose wrapping of the same verification cost
    // about as much again on every authenticated request.
    const sign = createSigner({
      key: secret,
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    // Only HS256 is accepted: a token claiming "alg: none" or another algorithm is refused. A token
    // verified once is remembered (by a hash of its whole text, signature included) until it
    // expires, so the many requests of one session check its signature once.
    const verify = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      cache: VERIFIED_TOKENS_KEPT,
    });

    function claimsOf(request: FastifyRequest): AccessClaims {
      const [scheme, token] = request.headers.authorization?.split(' ') ?? [];
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw unauthenticated('A valid access token is required');
      let claims: Partial<AccessClaims>;
      try {
        claims = verify(token) as Partial<AccessClaims>;
      } catch {
        throw unauthenticated('A valid access token is required');
      }
      const { sub, role, sid } = claims;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string') {
        throw unauthenticated('A valid access token is required');
      }
      // A copy: the verifier hands every request of a token the same object.
      return { sub, role, sid };
    }

    async function verifySession(request: FastifyRequest, userId: string, sessionId: string) {
      const session = await findSession(sessionId);
      if (!session || session.userId !== userId)
        throw unauthenticated('This session has ended; sign in again');
      if (!session.active) throw unauthenticated('This account is not active');
      request.user = { sub: userId, role: session.role, sid: sessionId };
    }

    async function verifyAccess(request: FastifyRequest, roles: Role[] = []): Promise<void> {
      const { sub, sid } = claimsOf(request);
      await verifySession(request, sub, sid);
      if (roles.length > 0 && !roles.includes(request.user.role)) throw forbidden();
    }
    app.decorateRequest('user', null as unknown as AccessClaims);
    app.decorate('signAccessToken', (claims: AccessClaims) => sign(claims));
    app.decorate('verifyAccess', verifyAccess);
    app.decorate('verifySession', verifySession);
    app.decorate('requireUser', (...roles: Role[]): onRequestAsyncHookHandler =>
      // The roles ride along for the OpenAPI document, which says who may call each operation.
      Object.assign((request: FastifyRequest) => verifyAccess(request, roles), { [REQUIRED_ROLES]: roles }),
    );
  },
  { name: 'auth' },
);
