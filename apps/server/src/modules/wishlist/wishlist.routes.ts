import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddWishlistItemBody,
  MergeWishlistBody,
  MergeWishlistResponse,
  ProductIdParams,
  Wishlist,
} from '@igniflo/contract';
import type { WishlistService } from './wishlist.service.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

/** The signed-in customer's own wishlist; there is no way to name another user's. */
export const wishlistRoutes: FastifyPluginAsyncTypebox<{ wishlist: WishlistService }> = async (
  app,
  { wishlist },
) => {
  const onRequest = app.requireUser('CUSTOMER');
  const wishlistSchema = { tags: ['wishlist'], security: [{ bearerAuth: [] }] };

  app.get('/wishlist', { onRequest, schema: { ...wishlistSchema, response: { 200: Wishlist } } }, (request) =>
    wishlist.get(request.user.sub),
  );
  app.post(
    '/wishlist/items',
    {
      onRequest,
      schema: {
        ...wishlistSchema,
        body: AddWishlistItemBody,
        response: { 200: Wishlist, ...alsoAnswers({ 404: 'No such product, or it is not for sale' }) },
      },
    },
    (request) => wishlist.add(request.user.sub, request.body.productId),
  );
  app.delete(
    '/wishlist/items/:productId',
    { onRequest, schema: { ...wishlistSchema, params: ProductIdParams, response: { 200: Wishlist } } },
    (request) => wishlist.remove(request.user.sub, request.params.productId),
  );
  app.delete(
    '/wishlist',
    { onRequest, schema: { ...wishlistSchema, response: { 200: Wishlist } } },
    (request) => wishlist.clear(request.user.sub),
  );
  app.post(
    '/wishlist/merge',
    {
      onRequest,
      schema: { ...wishlistSchema, body: MergeWishlistBody, response: { 200: MergeWishlistResponse } },
    },
    (request) => wishlist.merge(request.user.sub, request.body),
  );
};
