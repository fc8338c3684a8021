/**
 * Turns what a failed delivery threw into the class a delivery record shows. The raw error, with
 * its addresses and library messages, goes to the server log only.
 */
import { WebhookDeliveryError } from '@igniflo/contract';

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
/** Node's TLS errors and OpenSSL's certificate verification codes. */
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/** The error and everything it wraps: fetch reports any failure as "fetch failed" with a cause. */
function* chain(failure: unknown, depth = 0): Generator<unknown> {
  if (depth > 8 || failure === null || failure === undefined) return;
  yield failure;
  if (failure instanceof AggregateError) {
    for (const inner of failure.errors) yield* chain(inner, depth + 1);
  }
  if (failure instanceof Error) yield* chain(failure.cause, depth + 1);
}

function classOf(error: unknown): WebhookDeliveryError | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'TimeoutError') return WebhookDeliveryError.TIMEOUT;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'EBLOCKEDTARGET') return WebhookDeliveryError.BLOCKED;
  if (TIMEOUT_CODES.has(code)) return WebhookDeliveryError.TIMEOUT;
  if (REFUSED_CODES.has(code)) return WebhookDeliveryError.REFUSED;
  if (DNS_CODES.has(code)) return WebhookDeliveryError.DNS;
  if (TLS_CODE.test(code)) return WebhookDeliveryError.TLS;
  return null;
}

/** A refused address outranks whatever else a multi-address attempt ran into. */
const PRECEDENCE: WebhookDeliveryError[] = [
  WebhookDeliveryError.BLOCKED,
  WebhookDeliveryError.TLS,
  WebhookDeliveryError.TIMEOUT,
  WebhookDeliveryError.DNS,
  WebhookDeliveryError.REFUSED,
];

export function classifyDeliveryError(failure: unknown): WebhookDeliveryError {
  const found = new Set([...chain(failure)].map(classOf));
  return PRECEDENCE.find((kind) => found.has(kind)) ?? WebhookDeliveryError.NETWORK;
}

/** The connection was closed by the other side before any answer: a kept-alive one gone stale. */
export const isStaleConnection = (failure: unknown): boolean =>
  [...chain(failure)].some(
    (error) => error instanceof Error && 'code' in error && error.code === 'UND_ERR_SOCKET',
  );
