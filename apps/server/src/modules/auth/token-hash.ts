import { createHash } from 'node:crypto';

/** How a bearer secret (refresh token, stream ticket, account link) is stored: its SHA-256, never itself. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
