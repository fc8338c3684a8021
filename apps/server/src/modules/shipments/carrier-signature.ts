import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `x-carrier-signature` header: hex HMAC-SHA256 of the raw request body (docs/carrier-events.md). */
export const carrierSignature = (secret: string, body: Buffer | string): string =>
  createHmac('sha256', secret).update(body).digest('hex');

/** Whether `header` signs `body`, compared in constant time. */
export function validCarrierSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (header === undefined || !/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(carrierSignature(secret, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}
