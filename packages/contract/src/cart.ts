import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, StringEnum, Timestamp } from './common.ts';

const Quantity = Type.Integer({ minimum: 1, maximum: 1000 });
const Options = Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 100 }), {
  maxProperties: 10,
});

/** `insufficient_stock`: fewer units in stock than the line asks for; `unavailable`: no longer sold. */
export const CartLineStatus = StringEnum(['ok', 'insufficient_stock', 'out_of_stock', 'unavailable']);
export type CartLineStatus = Static<typeof CartLineStatus>;

export const CartLine = Type.Object({
  productId: Id,
  sku: Type.String(),
  name: Type.String(),
  imageUrl: Nullable(Type.String()),
  unitPriceCents: Type.Integer(),
  currency: Type.String(),
  quantity: Type.Integer(),
  options: Type.Record(Type.String(), Type.String()),
  lineTotalCents: Type.Integer(),
  /** Units in stock now. */
  available: Type.Integer(),
  status: CartLineStatus,
});
export type CartLine = Static<typeof CartLine>;

export const Cart = Type.Object(
  {
    items: Type.Array(CartLine),
    itemCount: Type.Integer(),
    /** Sum of the lines that can be ordered now, at current prices; computed by the server. */
    totalCents: Type.Integer(),
    currency: Type.String(),
    /** True when every line can be ordered as it stands. */
    checkoutReady: Type.Boolean(),
  },
  { $id: 'Cart' },
);
export type Cart = Static<typeof Cart>;

export const AddCartItemBody = Type.Object(
  { productId: Id, quantity: Quantity, options: Type.Optional(Options) },
  { additionalProperties: false },
);
export type AddCartItemBody = Static<typeof AddCartItemBody>;

export const SetCartQuantityBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });

export const ProductIdParams = Type.Object({ productId: Id });

/** A client-chosen id makes a merge safe to retry: the same mergeId never merges twice. */
const MergeId = Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const MergeCartBody = Type.Object(
  {
    mergeId: MergeId,
    items: Type.Array(
      Type.Object(
        { productId: Id, quantity: Quantity, options: Type.Optional(Options) },
        { additionalProperties: false },
      ),
      {
        maxItems: 100,
      },
    ),
  },
  { additionalProperties: false },
);
export type MergeCartBody = Static<typeof MergeCartBody>;

export const MergeReport = Type.Object({
  /** Lines merged; `capped` when the summed quantity was cut to the stock available. */
  merged: Type.Array(Type.Object({ productId: Id, quantity: Type.Integer(), capped: Type.Boolean() })),
  /** Lines not merged, and why. */
  rejected: Type.Array(
    Type.Object({
      productId: Type.String(),
      reason: StringEnum(['unknown', 'unavailable', 'out_of_stock']),
    }),
  ),
  /** True when this mergeId had been merged before and nothing changed now. */
  replayed: Type.Boolean(),
});
export type MergeReport = Static<typeof MergeReport>;

export const MergeCartResponse = Type.Object({ cart: Cart, report: MergeReport });

export const WishlistItem = Type.Object({
  productId: Id,
  sku: Type.String(),
  name: Type.String(),
  imageUrl: Nullable(Type.String()),
  priceCents: Type.Integer(),
  currency: Type.String(),
  available: Type.Integer(),
  active: Type.Boolean(),
  addedAt: Timestamp,
});
export const Wishlist = Type.Object({ items: Type.Array(WishlistItem) }, { $id: 'Wishlist' });
export type Wishlist = Static<typeof Wishlist>;

export const AddWishlistItemBody = Type.Object({ productId: Id }, { additionalProperties: false });

export const MergeWishlistBody = Type.Object(
  { mergeId: MergeId, productIds: Type.Array(Id, { maxItems: 200 }) },
  { additionalProperties: false },
);
export type MergeWishlistBody = Static<typeof MergeWishlistBody>;

export const MergeWishlistResponse = Type.Object({ wishlist: Wishlist, report: MergeReport });
