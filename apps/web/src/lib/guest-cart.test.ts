import { describe, expect, it } from 'vitest';
import {
  addLine,
  emptyGuestCart,
  loadGuestCart,
  mergeRequest,
  saveGuestCart,
  setQuantity,
} from './guest-cart.ts';

const line = (productId: string, quantity = 1) => ({
  productId,
  quantity,
  name: productId,
  unitPriceCents: 100,
  currency: 'USD',
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('guest cart', () => {
  it('sums quantities of the same product and caps them', () => {
    let cart = addLine(emptyGuestCart(), line('a', 2));
    cart = addLine(cart, line('b'));
    cart = addLine(cart, line('a', 999));
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['a', 1000],
      ['b', 1],
    ]);
  });

  it('gives every changed cart a new merge id, so a merged cart is never merged twice by mistake', () => {
    const first = addLine(emptyGuestCart(), line('a'));
    const second = setQuantity(first, 'a', 3);
    expect(second.mergeId).not.toBe(first.mergeId);
    expect(mergeRequest(second)).toEqual({
      mergeId: second.mergeId,
      items: [{ productId: 'a', quantity: 3 }],
    });
    expect(setQuantity(second, 'a', 0).lines).toEqual([]);
  });

  it('survives a reload and ignores damaged storage', () => {
    const storage = memoryStorage();
    const cart = addLine(emptyGuestCart(), line('a', 2));
    saveGuestCart(cart, storage);
    expect(loadGuestCart(storage)).toEqual(cart);
    storage.setItem('igniflo.guestCart', '{not json');
    expect(loadGuestCart(storage).lines).toEqual([]);
    saveGuestCart(emptyGuestCart(), storage);
    expect(storage.getItem('igniflo.guestCart')).toBeNull();
  });
});
