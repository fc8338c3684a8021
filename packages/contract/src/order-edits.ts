/**
 * Order edits (SPEC §12): staff replace an order's lines before anything has shipped, and price a
 * custom request with custom lines, through one `PUT /orders/:id/items`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Cents, Text } from './common.ts';
import { OrderItemInput } from './orders.ts';

export { CUSTOM_SKU, QUOTE_READY_NOTE } from './constants.ts';

/** A line without a product (made to order, a service): no stock; its price is set by staff. */
export const CustomLineInput = Type.Object(
  {
    name: Text(200, 1),
    unitPriceCents: Cents,
    quantity: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type CustomLineInput = Static<typeof CustomLineInput>;

export const EditItemsBody = Type.Object(
  {
    /**
     * The order's lines as they should be: product lines (a line the order already has, same product
     * and options, keeps its price; a new one takes today's) and custom lines. Empty only for a custom
     * order (one with a title or description).
     */
    items: Type.Array(Type.Union([OrderItemInput, CustomLineInput]), { maxItems: 100 }),
    /** Sent to the customer with the change. */
    note: Type.Optional(Text(2000)),
    /** The version the client last saw: when given, the edit applies only if nobody changed the order since. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type EditItemsBody = Static<typeof EditItemsBody>;
export type EditLineInput = EditItemsBody['items'][number];
