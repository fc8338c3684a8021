import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from './delivery-error.ts';
import { BlockedTargetError } from './webhook-target.ts';

const coded = (code: string) => Object.assign(new Error(`${code} 10.0.0.7:443`), { code });
/** How fetch reports a network failure: a TypeError whose cause says what happened. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('delivery error classes', () => {
  it.each<[string, string, unknown]>([
    ['ECONNREFUSED', 'refused', fetchFailed(coded('ECONNREFUSED'))],
    ['ECONNRESET', 'refused', fetchFailed(coded('ECONNRESET'))],
    [
      'several addresses: ECONNREFUSED + ECONNREFUSED',
      'refused',
      fetchFailed(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])),
    ],
    ['ENOTFOUND', 'dns', fetchFailed(coded('ENOTFOUND'))],
    ['EAI_AGAIN', 'dns', fetchFailed(coded('EAI_AGAIN'))],
    [
      'an address not allowed',
      'blocked',
      fetchFailed(new BlockedTargetError('::7f00:1 is not an allowed address')),
    ],
    [
      'several addresses: ECONNREFUSED + blocked',
      'blocked',
      fetchFailed(new AggregateError([coded('ECONNREFUSED'), new BlockedTargetError('x')])),
    ],
    [
      'the abort signal timing out',
      'timeout',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    ],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', fetchFailed(coded('UND_ERR_CONNECT_TIMEOUT'))],
    ['ETIMEDOUT', 'timeout', fetchFailed(coded('ETIMEDOUT'))],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', fetchFailed(coded('ERR_SSL_WRONG_VERSION_NUMBER'))],
    ['CERT_HAS_EXPIRED', 'tls', fetchFailed(coded('CERT_HAS_EXPIRED'))],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', fetchFailed(coded('DEPTH_ZERO_SELF_SIGNED_CERT'))],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', fetchFailed(coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', fetchFailed(coded('ERR_TLS_CERT_ALTNAME_INVALID'))],
    ['EHOSTUNREACH', 'network', fetchFailed(coded('EHOSTUNREACH'))],
    ['an uncoded error', 'network', fetchFailed(new Error('bad port'))],
    ['a thrown string', 'network', 'a string'],
    ['nothing', 'network', undefined],
  ])('%s is %s', (_label, expected, failure) => {
    expect(classifyDeliveryError(failure)).toBe(expected);
  });
});
