import { loadLocal, localStore, newMergeId, saveLocal, type LocalValue } from './local-store.ts';

/**
 * The cart of a visitor who has not signed in, kept in localStorage. At sign-in it is merged into
 * the account's cart with its `mergeId`, so a merge retried after a dropped connection never adds
 * the same items twice (the server remembers the id).
 */
export interface GuestLine {
  productId: string;
  quantity: number;
  /** What the catalog showed, for display until the server prices the cart after sign-in. */
  name: string;
  unitPriceCents: number;
  currency: string;
}

export interface GuestCart {
  mergeId: string;
  lines: GuestLine[];
}

const MAX_QUANTITY = 1000;

export const emptyGuestCart = (): GuestCart => ({ mergeId: newMergeId(), lines: [] });

export function addLine(cart: GuestCart, line: GuestLine): GuestCart {
  const existing = cart.lines.find((l) => l.productId === line.productId);
  const lines = existing
    ? cart.lines.map((l) =>
        l.productId === line.productId
          ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + line.quantity) }
          : l,
      )
    : [...cart.lines, { ...line, quantity: Math.min(MAX_QUANTITY, line.quantity) }];
  // Any change makes it a different cart: a new merge id, so it is not mistaken for a merged one.
  return { mergeId: newMergeId(), lines };
}

export function setQuantity(cart: GuestCart, productId: string, quantity: number): GuestCart {
  const lines =
    quantity <= 0
      ? cart.lines.filter((l) => l.productId !== productId)
      : cart.lines.map((l) =>
          l.productId === productId ? { ...l, quantity: Math.min(MAX_QUANTITY, quantity) } : l,
        );
  return { mergeId: newMergeId(), lines };
}

/** The body of POST /cart/merge. */
export const mergeRequest = (cart: GuestCart) => ({
  mergeId: cart.mergeId,
  items: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
});

const spec: LocalValue<GuestCart> = {
  key: 'igniflo.guestCart',
  empty: emptyGuestCart,
  isEmpty: (cart) => cart.lines.length === 0,
  isValid: (value): value is GuestCart =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as GuestCart).lines) &&
    typeof (value as GuestCart).mergeId === 'string',
};

export const loadGuestCart = (storage?: Pick<Storage, 'getItem'>) => loadLocal(spec, storage);
export const saveGuestCart = (cart: GuestCart, storage?: Pick<Storage, 'setItem' | 'removeItem'>) =>
  saveLocal(spec, cart, storage);

/** The browser's guest cart. */
export const guestCart = localStore(spec);
