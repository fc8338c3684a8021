/**
 * Which IP addresses a webhook may connect to. The ranges come from ipaddr.js, a maintained
 * address library; this file only decides what each of its ranges means for a webhook target.
 */
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/**
 * `public`: a public unicast address. `private`: loopback, private networks, CGNAT, unique-local
 * and this host's own addresses, allowed only with WEBHOOK_ALLOW_PRIVATE. `forbidden`: everything
 * else (unspecified, broadcast, multicast, link-local with the cloud metadata address, reserved,
 * documentation, benchmarking, unallocated IPv6, anything that does not parse), never allowed.
 */
export type AddressClass = 'public' | 'private' | 'forbidden';

const PRIVATE_RANGES: ReadonlySet<string> = new Set([
  'loopback',
  'private',
  'carrierGradeNat',
  'uniqueLocal',
]);
/** IANA's global unicast space; what ipaddr.js calls IPv6 'unicast' also covers unallocated space. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

const v4 = (bytes: number[]) => new ipaddr.IPv4(bytes);
/** How an address is compared with this host's own: normalised, without a zone id. */
const keyOf = (address: ipaddr.IPv4 | ipaddr.IPv6) =>
  ipaddr.fromByteArray(address.toByteArray()).toNormalizedString();

/**
 * The IPv4 addresses an IPv6 address carries and would reach (mapped, translated, compatible,
 * NAT64, 6to4, Teredo server and client), or null when it is a plain IPv6 address.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const bytes = address.toByteArray();
  const range = address.range();
  // ::1 and :: sit inside ::/96 but are IPv6's own loopback and unspecified addresses.
  if (range === 'loopback' || range === 'unspecified') return null;
  if (
    range === 'ipv4Mapped' ||
    range === 'rfc6145' ||
    address.match(NAT64) ||
    address.match(IPV4_COMPATIBLE)
  ) {
    return [v4(bytes.slice(12, 16))];
  }
  if (range === '6to4') return [v4(bytes.slice(2, 6))];
  if (range === 'teredo') {
    // The client address is stored with its bits inverted (RFC 4380).
    return [v4(bytes.slice(4, 8)), v4(bytes.slice(12, 16).map((b) => b ^ 0xff))];
  }
  return null;
}

function classifyIPv4(address: ipaddr.IPv4, own: ReadonlySet<string>): AddressClass {
  const range = address.range();
  if (range === 'unicast') return own.has(keyOf(address)) ? 'private' : 'public';
  return PRIVATE_RANGES.has(range) ? 'private' : 'forbidden';
}

function classifyIPv6(address: ipaddr.IPv6, own: ReadonlySet<string>): AddressClass {
  const range = address.range();
  if (range === 'unicast' && address.match(GLOBAL_UNICAST)) {
    return own.has(keyOf(address)) ? 'private' : 'public';
  }
  return PRIVATE_RANGES.has(range) ? 'private' : 'forbidden';
}

/** The worst of several classes: an address is only as good as the worst one it reaches. */
function worst(classes: AddressClass[]): AddressClass {
  if (classes.includes('forbidden')) return 'forbidden';
  return classes.includes('private') ? 'private' : 'public';
}

/** Classifies an IP address in any notation ipaddr.js reads, with or without an IPv6 zone id. */
export function classifyAddress(address: string, own: ReadonlySet<string> = hostAddresses()): AddressClass {
  if (!ipaddr.isValid(address)) return 'forbidden';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return classifyIPv4(parsed as ipaddr.IPv4, own);
  const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
  if (embedded) return worst(embedded.map((a) => classifyIPv4(a, own)));
  return classifyIPv6(parsed as ipaddr.IPv6, own);
}

export function isAllowedAddress(
  address: string,
  allowPrivate: boolean,
  own: ReadonlySet<string> = hostAddresses(),
): boolean {
  const kind = classifyAddress(address, own);
  return kind === 'public' || (allowPrivate && kind === 'private');
}

/**
 * This host's own addresses (normalised, IPv4-mapped ones as IPv4), read at each check because
 * interfaces come and go.
 */
export function hostAddresses(): Set<string> {
  const own = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (ipaddr.isValid(entry.address)) own.add(keyOf(ipaddr.process(entry.address)));
    }
  }
  return own;
}
