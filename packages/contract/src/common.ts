import { Kind, Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

export { ErrorCode } from './constants.ts';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Unknown())),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

/*
 * Enums and nullable values are written with `enum` and `type: [type, 'null']` (OpenAPI 3.1), not
 * with TypeBox's `anyOf` unions: the response serializer writes an `anyOf` value only after running
 * a validator over it per branch, which had made enums and nullable fields the costliest part of
 * serializing a page of orders.
 */

/** One of a fixed list of strings. */
export const StringEnum = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/** The schema's values or null. */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  // TypeBox's own tag (a symbol key) would still call the copy a plain string, object, ...
  const { [Kind]: _kind, ...plain } = schema as T & { type?: unknown; enum?: unknown[] };
  if (typeof plain.type !== 'string' || '$id' in plain || 'const' in plain) {
    return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
  }
  return Type.Unsafe<Static<T> | null>({
    ...plain,
    type: [plain.type, 'null'],
    ...(plain.enum ? { enum: [...plain.enum, null] } : {}),
  });
}

export const Id = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
export const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

export const IdParams = Type.Object({ id: Id });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** Trimmed, bounded text: the maximum keeps oversized strings out of the database. */
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });

export const Ok = Type.Object({ ok: Type.Literal(true) });
