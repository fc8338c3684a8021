import { describe, expect, it } from 'vitest';
import { RenderedOrders } from './rendered-orders.ts';

const json = (text: string) => Buffer.from(text);

describe('RenderedOrders', () => {
  it('answers only for the version and role an order was rendered for', () => {
    const rendered = new RenderedOrders(10);
    rendered.set('a', 'CUSTOMER', 1, json('{"v":1}'));
    expect(rendered.get('a', 'CUSTOMER', 1)?.toString()).toBe('{"v":1}');
    expect(rendered.get('a', 'STAFF', 1)).toBeUndefined();
    expect(rendered.get('a', 'CUSTOMER', 2)).toBeUndefined();
    // An outdated entry is dropped when found.
    expect(rendered.get('a', 'CUSTOMER', 1)).toBeUndefined();
    expect(rendered.size).toBe(0);
  });

  it('keeps at most its maximum, dropping the least recently used', () => {
    const rendered = new RenderedOrders(2);
    rendered.set('a', 'CUSTOMER', 1, json('a'));
    rendered.set('b', 'CUSTOMER', 1, json('b'));
    expect(rendered.get('a', 'CUSTOMER', 1)).toBeDefined();
    rendered.set('c', 'CUSTOMER', 1, json('c'));
    expect(rendered.size).toBe(2);
    expect(rendered.get('b', 'CUSTOMER', 1)).toBeUndefined();
    expect(rendered.get('a', 'CUSTOMER', 1)?.toString()).toBe('a');
    expect(rendered.get('c', 'CUSTOMER', 1)?.toString()).toBe('c');
  });

  it("keeps each role's rendering of one version, and drops them all for a newer version", () => {
    const rendered = new RenderedOrders(10);
    rendered.set('a', 'CUSTOMER', 1, json('customer'));
    rendered.set('a', 'STAFF', 1, json('staff'));
    expect(rendered.size).toBe(1);
    expect(rendered.get('a', 'CUSTOMER', 1)?.toString()).toBe('customer');
    expect(rendered.get('a', 'STAFF', 1)?.toString()).toBe('staff');
    rendered.set('a', 'STAFF', 2, json('staff v2'));
    expect(rendered.get('a', 'STAFF', 2)?.toString()).toBe('staff v2');
    expect(rendered.get('a', 'CUSTOMER', 2)).toBeUndefined();
    expect(rendered.get('a', 'CUSTOMER', 1)).toBeUndefined();
  });
});
