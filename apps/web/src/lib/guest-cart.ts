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

const KEY = 'igniflo.guestCart';
const MAX_QUANTITY = 1000;

const newMergeId = () => `guest-${crypto.randomUUID()}`;

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

export function loadGuestCart(storage: Pick<Storage, 'getItem'> = localStorage): GuestCart {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as GuestCart | null;
    return parsed && Array.isArray(parsed.lines) && typeof parsed.mergeId === 'string'
      ? parsed
      : emptyGuestCart();
  } catch {
    return emptyGuestCart();
  }
}

export function saveGuestCart(
  cart: GuestCart,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): void {
  if (cart.lines.length === 0) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(cart));
}

/** The browser's guest cart as a tiny store, so every component showing it stays in step. */
const listeners = new Set<() => void>();
let current: GuestCart | undefined;
export const guestCart = {
  get: (): GuestCart => (current ??= loadGuestCart()),
  set: (next: GuestCart): void => {
    current = next;
    saveGuestCart(next);
    listeners.forEach((listener) => listener());
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
