/**
 * Keeps webhooks out of the server's own network (SSRF): a URL is checked when it is saved, and
 * every connection a delivery makes is checked again, by the address it actually connects to.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { isAllowedAddress } from './webhook-address.ts';

/** A connection refused because its address is not allowed; deliveries record it as `blocked`. */
export class BlockedTargetError extends Error {
  override name = 'BlockedTargetError';
  readonly code = 'EBLOCKEDTARGET';
}

/** Names that mean this host or its private network, whatever they resolve to. */
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.endsWith('.local') ||
    name.endsWith('.internal')
  );
}

/**
 * Why a webhook URL may not be saved, or null when it may. WHATWG URL parsing has already turned
 * every IPv4 notation (2130706433, 0177.0.0.1, 0x7f000001, 127.1) into dotted decimal and
 * compressed bracketed IPv6; it refuses zone ids. A name is checked again when a delivery connects.
 */
export function targetProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Webhook URL is not a valid URL';
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    return isAllowedAddress(host, allowPrivate) ? null : 'Webhook URL must point to a public address';
  }
  return !allowPrivate && isLocalName(host) ? 'Webhook URL must point to a public host' : null;
}

export type Resolve = typeof dnsLookup;

/**
 * A lookup that fails unless every address a name resolves to is allowed. The connection is made
 * to the addresses checked here, so a name that resolves to a public address when the webhook is
 * saved and to an internal one when it is delivered (DNS rebinding) is refused.
 */
function checkedLookup(allowPrivate: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0 || !addresses.every((a) => isAllowedAddress(a.address, allowPrivate))) {
        callback(new BlockedTargetError(`${hostname} resolves to an address that is not allowed`), '', 0);
        return;
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * Connects deliveries only to allowed addresses. Node skips the lookup for a literal IP, so a
 * literal is checked here: a saved row may predate the rules, or WEBHOOK_ALLOW_PRIVATE may have
 * changed since it was saved.
 */
export function guardedConnector({
  allowPrivate,
  resolve = dnsLookup,
}: {
  allowPrivate: boolean;
  resolve?: Resolve | undefined;
}): buildConnector.connector {
  const connect = buildConnector({ lookup: checkedLookup(allowPrivate, resolve) });
  return (options, callback) => {
    if (isIP(options.hostname) && !isAllowedAddress(options.hostname, allowPrivate)) {
      callback(new BlockedTargetError(`${options.hostname} is not an allowed address`), null);
      return;
    }
    connect(options, callback);
  };
}
