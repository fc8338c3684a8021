/**
 * The products CSV import (SPEC §14): upsert by SKU. A file is read whole (it is at most
 * PRODUCT_IMPORT_MAX_BYTES), every row is checked and planned against the catalog as it is, and
 * only a file without errors is applied, in one transaction. A row's `stock` is the count wanted:
 * the difference moves through the inventory ledger ("import"). An empty cell leaves the field as
 * it is (a new product needs a name and a price).
 */
import { parse } from 'csv-parse/sync';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Type, type Static } from '@sinclair/typebox';
import {
  Cents,
  Currency,
  ImageUrl,
  PRODUCT_CSV_COLUMNS,
  PRODUCT_IMPORT_MAX_ROWS,
  Sku,
  Text,
  type ImportRowError,
} from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../lib/errors.ts';
import type { ProductRow } from './products.table.ts';
import { findProductsBySkus } from './products.repository.ts';

const ImportRow = Type.Object(
  {
    sku: Sku,
    name: Type.Optional(Text(200, 1)),
    description: Type.Optional(Text(5000)),
    priceCents: Type.Optional(Cents),
    currency: Type.Optional(Currency),
    stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    active: Type.Optional(Type.Boolean()),
    imageUrl: Type.Optional(ImageUrl),
  },
  { additionalProperties: false },
);
export type ImportRow = Static<typeof ImportRow>;

const ajv = new Ajv({ allErrors: true, coerceTypes: false });
addFormats.default(ajv);
// Compiled on the first import rather than when the server starts.
let compiledRowCheck: ValidateFunction<ImportRow> | undefined;
const rowCheck = () => (compiledRowCheck ??= ajv.compile<ImportRow>(ImportRow));

type Column = (typeof PRODUCT_CSV_COLUMNS)[number];
const isColumn = (name: string): name is Column => (PRODUCT_CSV_COLUMNS as readonly string[]).includes(name);

/** Our own export escapes formula-like text with a leading `'`: read back, it is taken off. */
const unescape = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

/** A cell as the row's field: numbers and booleans from their text; undefined when empty. */
function fieldValue(column: Column, cell: string): { value?: unknown; error?: string } {
  const text = column === 'description' ? cell : cell.trim();
  if (text === '') return {};
  if (column === 'priceCents' || column === 'stock') {
    return /^\d{1,10}$/.test(text) ? { value: Number(text) } : { error: 'must be a whole number' };
  }
  if (column === 'active') {
    const value = BOOLEANS[text.toLowerCase()];
    return value === undefined ? { error: 'must be true or false' } : { value };
  }
  if (text.includes('\u0000')) return { error: 'may not contain NUL characters' };
  return { value: unescape(text) };
}

export interface ParsedRow {
  /** Its line in the file as a spreadsheet numbers it: the header is row 1. */
  row: number;
  fields: ImportRow;
}

/** Reads and checks the file: each row's fields, or what is wrong with them. 400 for an unreadable file. */
export function parseProductCsv(text: string): { rows: ParsedRow[]; errors: ImportRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header = [], ...body] = records;
  const columns = header.map((name) => name.trim());
  const unknown = columns.filter((name) => !isColumn(name));
  if (!columns.includes('sku') || unknown.length > 0) {
    throw invalid(
      `The first row must name the columns: sku and any of ${PRODUCT_CSV_COLUMNS.slice(1).join(', ')}`,
      unknown.map((name) => ({ row: 1, field: name, message: 'is not a column of the products CSV' })),
    );
  }
  if (body.length > PRODUCT_IMPORT_MAX_ROWS) {
    throw invalid(`A file may hold at most ${PRODUCT_IMPORT_MAX_ROWS} rows; split it and import each part`);
  }
  const rows: ParsedRow[] = [];
  const errors: ImportRowError[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const fields: Record<string, unknown> = {};
    const rowErrors: ImportRowError[] = [];
    if (cells.length > columns.length) {
      rowErrors.push({
        row,
        field: '',
        message: `has ${cells.length} cells; the header names ${columns.length}`,
      });
    }
    columns.forEach((column, i) => {
      if (!isColumn(column)) return;
      const { value, error } = fieldValue(column, cells[i] ?? '');
      if (error) rowErrors.push({ row, field: column, message: error });
      else if (value !== undefined) fields[column] = value;
    });
    const checkRow = rowCheck();
    if (rowErrors.length === 0 && !checkRow(fields)) {
      for (const e of checkRow.errors ?? []) {
        const field = e.instancePath.slice(1) || String(e.params.missingProperty ?? '');
        rowErrors.push({ row, field, message: e.message ?? 'is not valid' });
      }
    }
    const sku = typeof fields.sku === 'string' ? fields.sku : undefined;
    const earlier = sku === undefined ? undefined : firstRowOf.get(sku);
    if (earlier !== undefined) rowErrors.push({ row, field: 'sku', message: `is already on row ${earlier}` });
    else if (sku !== undefined) firstRowOf.set(sku, row);
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push({ row, fields: fields as ImportRow });
  });
  return { rows, errors };
}

export type ProductPatch = Partial<
  Pick<ProductRow, 'name' | 'description' | 'price_cents' | 'currency' | 'image_url' | 'active'>
>;

export type Step =
  | { kind: 'create'; row: number; fields: ImportRow & { name: string; priceCents: number } }
  | { kind: 'update'; row: number; product: ProductRow; patch: ProductPatch; stockDelta: number };

/** What each row would change in the catalog as `reader` sees it; rows that change nothing are left out. */
export async function planImport(
  reader: Executor,
  rows: ParsedRow[],
): Promise<{ steps: Step[]; unchanged: number; errors: ImportRowError[] }> {
  const existing = await findProductsBySkus(
    reader,
    rows.map((r) => r.fields.sku),
  );
  const steps: Step[] = [];
  const errors: ImportRowError[] = [];
  let unchanged = 0;
  for (const { row, fields } of rows) {
    const product = existing.get(fields.sku);
    if (!product) {
      const { name, priceCents } = fields;
      if (name === undefined) errors.push({ row, field: 'name', message: 'is required for a new product' });
      if (priceCents === undefined) {
        errors.push({ row, field: 'priceCents', message: 'is required for a new product' });
      }
      if (name !== undefined && priceCents !== undefined) {
        steps.push({ kind: 'create', row, fields: { ...fields, name, priceCents } });
      }
      continue;
    }
    const wanted: ProductPatch = {
      name: fields.name,
      description: fields.description,
      price_cents: fields.priceCents,
      currency: fields.currency,
      image_url: fields.imageUrl,
      active: fields.active === undefined ? undefined : fields.active ? 1 : 0,
    };
    const patch = Object.fromEntries(
      Object.entries(wanted).filter(
        ([key, value]) => value !== undefined && value !== product[key as keyof ProductPatch],
      ),
    ) as ProductPatch;
    const stockDelta = fields.stock === undefined ? 0 : fields.stock - product.stock;
    if (Object.keys(patch).length === 0 && stockDelta === 0) unchanged += 1;
    else steps.push({ kind: 'update', row, product, patch, stockDelta });
  }
  return { steps, unchanged, errors };
}
