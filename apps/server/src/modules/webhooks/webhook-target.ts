import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/** Loopback, private, link-local, shared (CGNAT), unique-local and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.toLowerCase();
  const version = isIP(ip);
  if (version === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6) {
    return (
      ip === '::' ||
      ip === '::1' ||
      ip.startsWith('fc') ||
      ip.startsWith('fd') ||
      ip.startsWith('fe80') ||
      ip.startsWith('::ffff:')
    );
  }
  return false;
}

/**
 * Refuses webhook URLs that point into the server's own network (SSRF) by their address or by a
 * name that means this host. A name that only resolves to such an address is caught when a
 * delivery connects (publicOnlyLookup). Tests allow loopback.
 */
export function isPrivateTarget(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  ) {
    return true;
  }
  return isPrivateAddress(host);
}

export type Resolve = typeof dnsLookup;

/**
 * A lookup for outgoing connections that fails when a name resolves to a private address. The
 * connection is made to the addresses checked here, so a name that resolves to a public address
 * when the webhook is saved and to an internal one when it is delivered (DNS rebinding) is refused.
 */
export function publicOnlyLookup(resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
        const refused = Object.assign(new Error(`${hostname} resolves to a private address`), {
          code: 'EPRIVATETARGET',
        });
        callback(refused, '', 0);
        return;
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
