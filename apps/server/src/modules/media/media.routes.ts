import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Media } from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Actor } from '../orders/orders.service.ts';
import type { MediaService } from './media.service.ts';
import { multipartUpload } from './media-upload.ts';

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

/** RFC 6266 filename parameters: an ASCII fallback and the exact UTF-8 name. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const mediaRoutes: FastifyPluginAsyncTypebox<{ media: MediaService; maxUploadBytes: number }> = async (
  app,
  { media, maxUploadBytes },
) => {
  const schema = { tags: ['media'], security: [{ bearerAuth: [] }] };

  app.post(
    '/orders/:id/media',
    {
      onRequest: app.requireUser(),
      schema: {
        ...schema,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Media },
        description: `Multipart upload in a field named "file": JPEG, PNG, GIF, WebP, MP4 or PDF by content, at most ${maxUploadBytes} bytes. Staff upload progress files; customers reference files to their own orders.`,
      },
    },
    async (request, reply) => {
      const created = await media.upload(
        actor(request),
        request.params.id,
        multipartUpload(request, maxUploadBytes),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/orders/:id/media',
    {
      onRequest: app.requireUser(),
      schema: { ...schema, params: IdParams, response: { 200: Type.Object({ items: Type.Array(Media) }) } },
    },
    (request) => media.list(actor(request), request.params.id),
  );

  app.get(
    '/media/:id',
    {
      onRequest: app.requireUser(),
      schema: {
        ...schema,
        params: IdParams,
        querystring: Type.Object(
          { variant: Type.Optional(Type.Union([Type.Literal('original'), Type.Literal('thumbnail')])) },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'The file, or its WebP thumbnail, with the content type found in its bytes.',
            content: Object.fromEntries(
              ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'application/pdf'].map(
                (type) => [type, { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) }],
              ),
            ),
          },
        },
        description: 'Downloads the file (or its WebP thumbnail) with its sniffed content type.',
      },
    },
    async (request, reply) => {
      const variant = request.query.variant ?? 'original';
      const file = await media.open(actor(request), request.params.id, variant);
      const inline = file.contentType.startsWith('image/') || file.contentType === 'video/mp4';
      return reply
        .type(file.contentType)
        .header('content-disposition', disposition(inline ? 'inline' : 'attachment', file.media.file_name))
        .header('cache-control', 'private, max-age=3600')
        .send(file.stream);
    },
  );

  app.delete(
    '/media/:id',
    { onRequest: app.requireUser(), schema: { ...schema, params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await media.remove(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
