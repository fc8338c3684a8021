import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddCartItemBody,
  Cart,
  MergeCartBody,
  MergeCartResponse,
  ProductIdParams,
  SetCartQuantityBody,
} from '@igniflo/contract';
import type { CartService } from './cart.service.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

/** The signed-in customer's own cart; there is no way to name another user's. */
export const cartRoutes: FastifyPluginAsyncTypebox<{ cart: CartService }> = async (app, { cart }) => {
  const security = [{ bearerAuth: [] }];
  const onRequest = app.requireUser('CUSTOMER');
  const cartSchema = { tags: ['cart'], security };

  app.get('/cart', { onRequest, schema: { ...cartSchema, response: { 200: Cart } } }, (request) =>
    cart.get(request.user.sub),
  );
  app.post(
    '/cart/items',
    {
      onRequest,
      schema: {
        ...cartSchema,
        body: AddCartItemBody,
        response: { 200: Cart, ...alsoAnswers({ 404: 'No such product, or it is not for sale' }) },
      },
    },
    (request) => cart.addItem(request.user.sub, request.body),
  );
  app.patch(
    '/cart/items/:productId',
    {
      onRequest,
      schema: { ...cartSchema, params: ProductIdParams, body: SetCartQuantityBody, response: { 200: Cart } },
    },
    (request) => cart.setQuantity(request.user.sub, request.params.productId, request.body.quantity),
  );
  app.delete(
    '/cart/items/:productId',
    { onRequest, schema: { ...cartSchema, params: ProductIdParams, response: { 200: Cart } } },
    (request) => cart.removeItem(request.user.sub, request.params.productId),
  );
  app.delete('/cart', { onRequest, schema: { ...cartSchema, response: { 200: Cart } } }, (request) =>
    cart.clear(request.user.sub),
  );
  app.post(
    '/cart/merge',
    { onRequest, schema: { ...cartSchema, body: MergeCartBody, response: { 200: MergeCartResponse } } },
    (request) => cart.merge(request.user.sub, request.body),
  );
};
