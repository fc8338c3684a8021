import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Where `npm run build -w @igniflo/web` puts the web app. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../../web/dist');

/**
 * Serves the built web app at `/`. Paths that are not files get index.html (the app routes them
 * in the browser); API paths never do.
 */
export const webPlugin = fp(
  async (app) => {
    if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
      app.log.warn(`no web app at ${WEB_DIST}: run "npm run build" to serve it at /`);
      return;
    }
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, maxAge: '1h' });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const file = request.url.split('?')[0] ?? '/';
      if (file.startsWith('/api/') || file === '/api') return reply.callNotFound();
      const asset = path.join(WEB_DIST, path.normalize(file));
      if (file !== '/' && asset.startsWith(WEB_DIST + path.sep) && existsSync(asset)) {
        return reply.sendFile(path.relative(WEB_DIST, asset));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'web' },
);
