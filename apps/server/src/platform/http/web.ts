import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { noindex } from './crawlers.ts';

/**
 * Where `npm run build -w @igniflo/web` puts the web app: apps/web/dist, reached from this file in
 * apps/server/src/platform/http, or from the compiled server, apps/server/dist/main.js.
 */
export const WEB_DIST = path.resolve(
  import.meta.dirname,
  import.meta.url.endsWith('.ts') ? '../../../../web/dist' : '../../web/dist',
);

/**
 * Serves the built web app at `/` (from `root`, WEB_DIST unless a test says otherwise). Paths that
 * are not files get index.html (the app routes them in the browser); API paths never do. A file's
 * `.br` or `.gz` sibling, written at build time, is sent to clients that accept it.
 */
export const webPlugin = fp<{ root?: string }>(
  async (app, options) => {
    const root = path.resolve(options.root ?? WEB_DIST);
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn(`no web app at ${root}: run "npm run build" to serve it at /`);
      return;
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      maxAge: '1h',
      preCompressed: true,
    });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const file = request.url.split('?')[0] ?? '/';
      if (file.startsWith('/api/') || file === '/api') return reply.callNotFound();
      const asset = path.join(root, path.normalize(file));
      if (file !== '/' && asset.startsWith(root + path.sep) && existsSync(asset)) {
        return reply.sendFile(path.relative(root, asset));
      }
      // A tracking page shows an order to whoever has its number: never in search results.
      if (file.startsWith('/track/')) noindex(reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'web' },
);
