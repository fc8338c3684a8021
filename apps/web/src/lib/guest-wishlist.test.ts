import { describe, expect, it } from 'vitest';
import { emptyGuestWishlist, toggleWish, wishlistMergeRequest } from './guest-wishlist.ts';

const wish = (productId: string) => ({ productId, name: productId, priceCents: 100, currency: 'USD' });

describe('guest wishlist', () => {
  it('adds a product once and takes it off on the second toggle', () => {
    let list = toggleWish(emptyGuestWishlist(), wish('a'));
    list = toggleWish(list, wish('b'));
    expect(list.items.map((w) => w.productId)).toEqual(['a', 'b']);
    list = toggleWish(list, wish('a'));
    expect(list.items.map((w) => w.productId)).toEqual(['b']);
  });

  it('gets a new merge id with every change, so a changed list is never taken for one merged before', () => {
    const first = toggleWish(emptyGuestWishlist(), wish('a'));
    const second = toggleWish(first, wish('b'));
    expect(second.mergeId).not.toBe(first.mergeId);
    expect(wishlistMergeRequest(second)).toEqual({ mergeId: second.mergeId, productIds: ['a', 'b'] });
  });
});
