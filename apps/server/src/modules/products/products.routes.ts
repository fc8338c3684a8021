import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  CreateProductBody,
  IdParams,
  Page,
  Product,
  ProductsQuery,
  StockAdjustmentBody,
  UpdateProductBody,
} from '@igniflo/contract';
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
};
