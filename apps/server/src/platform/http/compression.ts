import fp from 'fastify-plugin';
import compress from '@fastify/compress';

/** Below this a response fits in a packet or two, and compressing it costs more than it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Responses compressed for clients that ask (Accept-Encoding): brotli or gzip, for JSON and text
 * over the threshold, Buffers included. Registered before any route, as the plugin hooks each
 * route when it is added. Live streams are untouched: they hijack their reply and write to the
 * socket, so nothing ever buffers them. The built web app is compressed once, at build time
 * (apps/web/build/precompress.ts); web.ts sends those files and this plugin leaves them be.
 */
export const compressionPlugin = fp(
  async (app) => {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: COMPRESS_THRESHOLD_BYTES,
      // Text, JSON, JavaScript and SVG (by mime-db), never an event stream; the plugin's own default
      // adds application/octet-stream, which here is a user's upload of an unknown kind.
      customTypes: /^text\/(?!event-stream)/,
      // The API takes request bodies as sent; it promises no compressed uploads.
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
