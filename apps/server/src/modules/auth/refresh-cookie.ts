/**
 * The web app's refresh token travels in a cookie that page scripts cannot read (HttpOnly), that
 * other sites cannot make the browser send (SameSite=Strict), and that goes only to the auth
 * routes (Path). A request that uses it must come from this origin: the Origin header a browser
 * sets on every POST names the page that sent it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session, SessionMode } from '@igniflo/contract';
import type { IssuedSession } from './auth.service.ts';
import { forbidden } from '../../lib/errors.ts';

export const REFRESH_COOKIE = 'igniflo_refresh';
const COOKIE_PATH = '/api/v1/auth';
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface CookieOptions {
  /** Secure even over plain HTTP (production, behind a TLS-terminating proxy). */
  alwaysSecure: boolean;
}

const secure = (request: FastifyRequest, options: CookieOptions) =>
  options.alwaysSecure || request.protocol === 'https';

/** The session as the client asked for it: in `cookie` mode the refresh token leaves the body for the cookie. */
export function deliverSession(
  request: FastifyRequest,
  reply: FastifyReply,
  session: IssuedSession,
  mode: SessionMode | undefined,
  options: CookieOptions,
): Session {
  if (mode !== 'cookie') return session;
  const { refreshToken, ...rest } = session;
  void reply.setCookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, options),
    path: COOKIE_PATH,
    maxAge: MAX_AGE_SECONDS,
  });
  return rest;
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply, options: CookieOptions) {
  void reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, options),
    path: COOKIE_PATH,
  });
}

/** The refresh cookie, if the request carries one; refused unless the request is same-origin. */
export function refreshCookieOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[REFRESH_COOKIE];
  if (!token) return undefined;
  if (!isSameOrigin(request)) throw forbidden('The session cookie is accepted only from this site');
  return token;
}

function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    const url = new URL(origin);
    return url.host === request.host && url.protocol === `${request.protocol}:`;
  } catch {
    return false;
  }
}
