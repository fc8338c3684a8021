/** The wishlist of a visitor who has not signed in, kept in localStorage and merged at sign-in. */
import { localStore, newMergeId } from './local-store.ts';

export interface GuestWish {
  productId: string;
  name: string;
  priceCents: number;
  currency: string;
}

export interface GuestWishlist {
  mergeId: string;
  items: GuestWish[];
}

export const emptyGuestWishlist = (): GuestWishlist => ({ mergeId: newMergeId(), items: [] });

/** Adds the product, or removes it when it is already there. */
export function toggleWish(list: GuestWishlist, wish: GuestWish): GuestWishlist {
  const items = list.items.some((w) => w.productId === wish.productId)
    ? list.items.filter((w) => w.productId !== wish.productId)
    : [...list.items, wish];
  return { mergeId: newMergeId(), items };
}

/** The body of POST /wishlist/merge. */
export const wishlistMergeRequest = (list: GuestWishlist) => ({
  mergeId: list.mergeId,
  productIds: list.items.map((w) => w.productId),
});

export const guestWishlist = localStore<GuestWishlist>({
  key: 'igniflo.guestWishlist',
  empty: emptyGuestWishlist,
  isEmpty: (list) => list.items.length === 0,
  isValid: (value): value is GuestWishlist =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as GuestWishlist).items) &&
    typeof (value as GuestWishlist).mergeId === 'string',
});
