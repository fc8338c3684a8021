import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CreateProductBody,
  IdParams,
  LedgerEntry,
  LedgerQuery,
  Page,
  Product,
  PRODUCT_IMPORT_MAX_BYTES,
  PRODUCT_IMPORT_MAX_ROWS,
  ProductImportQuery,
  ProductImportResult,
  ProductsQuery,
  StockAdjustmentBody,
  UpdateProductBody,
} from '@igniflo/contract';
import { attachment, CSV_RESPONSE, datedName } from '../../lib/csv.ts';
import type { ProductsService } from './products.service.ts';

export const productsRoutes: FastifyPluginAsyncTypebox<{ products: ProductsService }> = async (
  app,
  { products },
) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['products'];

  /** The catalog is public; a valid admin token additionally reveals archived products. */
  async function isAdmin(request: FastifyRequest): Promise<boolean> {
    if (!request.headers.authorization) return false;
    try {
      await app.verifyAccess(request, ['ADMIN']);
      return true;
    } catch {
      return false;
    }
  }

  app.get(
    '/products',
    { schema: { tags, querystring: ProductsQuery, response: { 200: Page(Product) } } },
    async (request) => products.list(request.query, await isAdmin(request)),
  );

  app.get(
    '/products/export.csv',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags,
        security,
        summary: 'Every product as CSV',
        description:
          'Archived products too, newest first, in the columns the import reads: sku, name, description, priceCents, currency, stock, active, imageUrl. Text that a spreadsheet would run as a formula is prefixed with an apostrophe.',
        response: { 200: CSV_RESPONSE },
      },
    },
    (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(datedName('products', 'csv')))
        .send(products.exportCsv()),
  );

  app.get(
    '/products/:id',
    { schema: { tags, params: IdParams, response: { 200: Product } } },
    async (request) => products.get(request.params.id, await isAdmin(request)),
  );

  app.post(
    '/products',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: { tags, security, body: CreateProductBody, response: { 201: Product } },
    },
    async (request, reply) => reply.status(201).send(await products.create(request.body, request.user.sub)),
  );

  app.patch(
    '/products/:id',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: { tags, security, params: IdParams, body: UpdateProductBody, response: { 200: Product } },
    },
    (request) => products.update(request.params.id, request.body, request.user.sub),
  );

  app.delete(
    '/products/:id',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: { tags, security, params: IdParams, response: { 200: Product } },
    },
    (request) => products.archive(request.params.id, request.user.sub),
  );

  app.post(
    '/products/:id/stock',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: { tags, security, params: IdParams, body: StockAdjustmentBody, response: { 200: Product } },
    },
    (request) => products.adjustStock(request.params.id, request.body, request.user.sub),
  );

  app.get(
    '/products/:id/ledger',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags,
        security,
        summary: "A product's stock history",
        description:
          "Every change of the product's stock, newest first: the units moved (delta), why, the order and who made it. The deltas sum to its stock.",
        params: IdParams,
        querystring: LedgerQuery,
        response: { 200: Page(LedgerEntry) },
      },
    },
    (request) => products.ledger(request.params.id, request.query),
  );

  // The import's body is the file itself, as text/csv, up to its own limit.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: PRODUCT_IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/products/import',
    {
      onRequest: app.requireUser('ADMIN'),
      bodyLimit: PRODUCT_IMPORT_MAX_BYTES,
      schema: {
        tags,
        security,
        summary: 'Create or update products from a CSV file',
        description: `The body is a CSV file (Content-Type: text/csv, at most ${PRODUCT_IMPORT_MAX_BYTES / 1024 / 1024} MiB and ${PRODUCT_IMPORT_MAX_ROWS} rows) whose first row names its columns: sku and any of name, description, priceCents, currency, stock, active, imageUrl (the export's columns). Each row updates the product with its SKU, or creates one (name and priceCents required). An empty cell leaves a field as it is; stock is the count wanted, and the difference goes through the stock ledger. With dryRun=true nothing changes and the answer says what would. A file with any error changes nothing: 400 with each error (row, field, message) in the details.`,
        consumes: ['text/csv'],
        querystring: ProductImportQuery,
        body: Type.String({ description: 'The CSV file' }),
        response: { 200: ProductImportResult },
      },
    },
    (request) => products.importCsv(request.body, request.query.dryRun === true, request.user.sub),
  );
};
