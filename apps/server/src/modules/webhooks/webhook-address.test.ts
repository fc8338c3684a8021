import { describe, expect, it } from 'vitest';
import { classifyAddress, hostAddresses, isAllowedAddress } from './webhook-address.ts';
import { targetProblem } from './webhook-target.ts';

/** A public address standing in for this host's own, so the test does not depend on the machine. */
const OWN = new Set(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);

describe('the webhook address classifier', () => {
  it.each([
    // Public unicast
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    // Loopback, private networks, CGNAT, unique-local: only with WEBHOOK_ALLOW_PRIVATE
    ['127.0.0.1', 'private'],
    ['127.255.255.254', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['::1', 'private'],
    ['fd00::1', 'private'],
    ['fc00::1', 'private'],
    // This host's own addresses count as private even when public
    ['93.184.216.34', 'private'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'private'],
    ['::ffff:93.184.216.34', 'private'],
    // Never: unspecified, link-local (cloud metadata), multicast, broadcast, reserved, documentation
    ['0.0.0.0', 'forbidden'],
    ['0.1.2.3', 'forbidden'],
    ['169.254.169.254', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['239.255.255.250', 'forbidden'],
    ['255.255.255.255', 'forbidden'],
    ['240.0.0.1', 'forbidden'],
    ['198.18.0.1', 'forbidden'],
    ['192.0.2.1', 'forbidden'],
    ['203.0.113.7', 'forbidden'],
    ['192.0.0.8', 'forbidden'],
    ['::', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['fe80::1%eth0', 'forbidden'],
    ['fec0::1', 'forbidden'],
    ['ff02::1', 'forbidden'],
    ['2001:db8::1', 'forbidden'],
    ['100::1', 'forbidden'],
    ['4000::1', 'forbidden'],
    // IPv6 that carries an IPv4 address is judged by the IPv4 address
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:7f00:1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'private'],
    ['::7f00:1', 'private'],
    ['::a9fe:a9fe', 'forbidden'],
    ['::ffff:0:127.0.0.1', 'private'],
    ['64:ff9b::127.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'forbidden'],
    ['64:ff9b::808:808', 'public'],
    ['64:ff9b:1::1', 'forbidden'],
    ['2002:7f00:1::1', 'private'],
    ['2002:a9fe:a9fe::1', 'forbidden'],
    ['2002:808:808::1', 'public'],
    // Teredo: server 8.8.8.8 with client 127.0.0.1 (stored inverted), and both public
    ['2001:0:808:808:0:0:80ff:fffe', 'private'],
    ['2001:0:808:808:0:0:f7f7:f7f7', 'public'],
    // Other notations ipaddr.js reads
    ['2130706433', 'private'],
    ['0x7f000001', 'private'],
    ['0177.0.0.1', 'private'],
    // Not an address at all
    ['example.com', 'forbidden'],
    ['', 'forbidden'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address, OWN)).toBe(expected);
  });

  it('allows private addresses only when told to, and forbidden ones never', () => {
    expect(isAllowedAddress('8.8.8.8', false, OWN)).toBe(true);
    expect(isAllowedAddress('127.0.0.1', false, OWN)).toBe(false);
    expect(isAllowedAddress('127.0.0.1', true, OWN)).toBe(true);
    expect(isAllowedAddress('93.184.216.34', false, OWN)).toBe(false);
    expect(isAllowedAddress('169.254.169.254', true, OWN)).toBe(false);
    expect(isAllowedAddress('0.0.0.0', true, OWN)).toBe(false);
  });

  it("knows this host's own addresses, loopback included", () => {
    const own = hostAddresses();
    expect(own.has('127.0.0.1')).toBe(true);
    for (const address of own) expect(isAllowedAddress(address, false)).toBe(false);
  });
});

describe('webhook URLs when saved', () => {
  it.each([
    'http://127.0.0.1/x',
    'http://2130706433/x',
    'http://0177.0.0.1/x',
    'http://0x7f000001/x',
    'http://0x7f.1/x',
    'http://127.1/x',
    'http://127.0.0.1./x',
    'http://%31%32%37.0.0.1/x',
    'http://[::1]/x',
    'http://[::127.0.0.1]/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://[64:ff9b::127.0.0.1]/x',
    'http://[fec0::1]/x',
    'http://[fe80::1%25eth0]/x',
    'http://198.18.0.1/x',
    'http://224.0.0.1/x',
    'http://240.0.0.1/x',
    'http://169.254.169.254/latest/meta-data',
    'http://localhost/x',
    'http://localhost./x',
    'http://db.internal/x',
    'http://printer.local/x',
    'not a url',
  ])('refuses %s', (url) => {
    expect(targetProblem(url, false)).not.toBeNull();
  });

  it.each(['https://hooks.example.com/x', 'https://8.8.8.8/x', 'https://[2606:4700:4700::1111]/x'])(
    'accepts %s',
    (url) => {
      expect(targetProblem(url, false)).toBeNull();
    },
  );

  it('accepts loopback and local names only when private targets are allowed, never 0.0.0.0', () => {
    expect(targetProblem('http://127.0.0.1:8080/x', true)).toBeNull();
    expect(targetProblem('http://localhost:8080/x', true)).toBeNull();
    expect(targetProblem('http://0.0.0.0:8080/x', true)).not.toBeNull();
  });
});
