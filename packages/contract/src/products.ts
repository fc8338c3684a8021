import { Type, type Static } from '@sinclair/typebox';
import { Cents, Currency, Id, Nullable, PageQuery, Text, Timestamp } from './common.ts';

export { PRODUCT_CSV_COLUMNS, PRODUCT_IMPORT_MAX_BYTES, PRODUCT_IMPORT_MAX_ROWS } from './constants.ts';

export const Product = Type.Object(
  {
    id: Id,
    sku: Type.String(),
    name: Type.String(),
    description: Type.String(),
    priceCents: Type.Integer(),
    currency: Type.String(),
    stock: Type.Integer(),
    active: Type.Boolean(),
    imageUrl: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Product' },
);
export type Product = Static<typeof Product>;

export const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
export const ImageUrl = Nullable(Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' }));

export const CreateProductBody = Type.Object(
  {
    sku: Sku,
    name: Text(200, 1),
    description: Type.Optional(Text(5000)),
    priceCents: Cents,
    currency: Type.Optional(Currency),
    stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    imageUrl: Type.Optional(ImageUrl),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Object(
  {
    sku: Type.Optional(Sku),
    name: Type.Optional(Text(200, 1)),
    description: Type.Optional(Text(5000)),
    priceCents: Type.Optional(Cents),
    currency: Type.Optional(Currency),
    imageUrl: Type.Optional(ImageUrl),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const StockAdjustmentBody = Type.Object(
  {
    delta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, not: { const: 0 } }),
    reason: Text(200, 1),
  },
  { additionalProperties: false },
);
export type StockAdjustmentBody = Static<typeof StockAdjustmentBody>;

export const ProductsQuery = Type.Object(
  {
    q: Type.Optional(Text(100)),
    /** Admin only: include archived products. */
    includeArchived: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ProductsQuery = Static<typeof ProductsQuery>;

/** One change of a product's stock, as its ledger records it (SPEC §14). */
export const LedgerEntry = Type.Object(
  {
    id: Type.Integer(),
    delta: Type.Integer(),
    reason: Type.String(),
    orderId: Nullable(Id),
    orderNumber: Nullable(Type.String()),
    actorId: Nullable(Id),
    actorName: Nullable(Type.String()),
    at: Timestamp,
  },
  { $id: 'LedgerEntry' },
);
export type LedgerEntry = Static<typeof LedgerEntry>;

export const LedgerQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type LedgerQuery = Static<typeof LedgerQuery>;

export const ProductImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type ProductImportQuery = Static<typeof ProductImportQuery>;

/** What is wrong with one row of an import: its line in the file (the header is line 1). */
export const ImportRowError = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  message: Type.String(),
});
export type ImportRowError = Static<typeof ImportRowError>;

export const ProductImportResult = Type.Object(
  {
    dryRun: Type.Boolean(),
    /** Whether the changes were made: never on a dry run or when any row has an error. */
    applied: Type.Boolean(),
    rows: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    /** Units of stock moved through the ledger, summed over the products, by sign. */
    stockAdded: Type.Integer(),
    stockRemoved: Type.Integer(),
    errors: Type.Array(ImportRowError),
  },
  { $id: 'ProductImportResult' },
);
export type ProductImportResult = Static<typeof ProductImportResult>;
