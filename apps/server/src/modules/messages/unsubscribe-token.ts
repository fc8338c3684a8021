/**
 * The token of a one-click unsubscribe link (RFC 8058): the account it is for, signed. It never
 * expires (an old email's link still works) and can do nothing but turn order updates off.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`unsubscribe:email:${userId}`).digest('base64url');

export const unsubscribeToken = (secret: string, userId: string): string =>
  `${userId}.${sign(secret, userId)}`;

/** The account a token was signed for, or undefined for a forged or damaged one. */
export function userOfUnsubscribeToken(secret: string, token: string): string | undefined {
  const [userId, signature, ...rest] = token.split('.');
  if (!userId || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(sign(secret, userId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : undefined;
}
