import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';

/**
 * What search engines may crawl: the catalog and the tracking form, nothing else. Disallowing
 * keeps well-behaved crawlers away; `noindex` covers a page fetched anyway (a crawler that skips
 * robots.txt, a shared link), since an order's tracking page is public to whoever has its number.
 */
export const ROBOTS_TXT = `User-agent: *
Disallow: /track/
Disallow: /api/
Disallow: /account
Disallow: /orders
Disallow: /notifications
Disallow: /checkout
Disallow: /cart
Disallow: /wishlist
Disallow: /login
Disallow: /register
Disallow: /staff
Disallow: /admin
Disallow: /docs
Disallow: /openapi.json
Disallow: /metrics
`;

/** Asks search engines not to index this response (HTML or API), whoever fetched it. */
export function noindex(reply: FastifyReply): void {
  void reply.header('x-robots-tag', 'noindex');
}

/** Serves /robots.txt whether or not the web app is built. */
export const crawlersPlugin = fp(
  async (app) => {
    app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(ROBOTS_TXT),
    );
  },
  { name: 'crawlers' },
);
