import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { WEB_DIST } from './web.ts';

describe('the web app the server serves', () => {
  it('is the web workspace build, wherever this file moves', () => {
    expect(WEB_DIST).toBe(path.resolve(import.meta.dirname, '../../../../../apps/web/dist'));
    expect(path.relative(process.cwd(), WEB_DIST)).toBe(path.join('apps', 'web', 'dist'));
  });
});

const INDEX_HTML = `<!doctype html><html><head><title>Igniflo</title><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>\n`;
const APP_JS = `export const catalog = ${JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: i, name: `Product ${i}` })))};\n`;

/** A build as `vite build` leaves it: each text file with the .br and .gz copies the precompress plugin writes. */
function writeBuild(root: string) {
  const files = { 'index.html': INDEX_HTML, 'assets/app.js': APP_JS };
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(root, name), text);
    writeFileSync(path.join(root, `${name}.br`), brotliCompressSync(text));
    writeFileSync(path.join(root, `${name}.gz`), gzipSync(text));
  }
  writeFileSync(path.join(root, 'assets/logo.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
}

describe('serving the built web app', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-web-'));
  let ctx: TestContext;
  beforeAll(async () => {
    writeBuild(dir);
    ctx = await createTestContext('sqlite', {}, { webRoot: dir });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'GET', url, headers });

  it('serves a robots.txt that keeps crawlers off tracking pages, the API and accounts, not the app page', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const rules = res.body.split('\n');
    expect(rules[0]).toBe('User-agent: *');
    expect(rules).toEqual(
      expect.arrayContaining([
        'Disallow: /track/',
        'Disallow: /api/',
        'Disallow: /account',
        'Disallow: /admin',
        'Disallow: /staff',
      ]),
    );
    expect(rules).not.toContain('Disallow: /');
  });

  it('marks tracking pages noindex and leaves the catalog indexable', async () => {
    const tracking = await get('/track/ABCDEFGHJK');
    expect(tracking.statusCode).toBe(200);
    expect(tracking.body).toBe(INDEX_HTML);
    expect(tracking.headers['x-robots-tag']).toBe('noindex');
    for (const url of ['/', '/products/some-id', '/track']) {
      expect((await get(url)).headers['x-robots-tag'], url).toBeUndefined();
    }
  });

  it.each([
    ['the app page', '/', INDEX_HTML],
    ['a deep link', '/track/ABCDEFGHJK', INDEX_HTML],
    ['a script', '/assets/app.js', APP_JS],
  ])(
    'sends %s compressed to a client that accepts it, and plain to one that does not',
    async (_, url, text) => {
      const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      // The build's own copy, sent with its length, not compressed again on each request.
      expect(br.rawPayload).toEqual(brotliCompressSync(text));
      expect(br.headers['content-length']).toBe(String(br.rawPayload.length));
      expect(String(br.headers.vary)).toContain('accept-encoding');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(text);

      const gzip = await get(url, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(text);

      const plain = await get(url);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(text);
    },
  );

  it('sends images as they are', async () => {
    const res = await get('/assets/logo.png', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('image/png');
  });
});

describe('robots.txt without a web build', () => {
  it('is still served, by the server itself', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'igniflo-no-web-'));
    const ctx = await createTestContext('sqlite', {}, { webRoot: empty });
    try {
      const res = await ctx.inject({ method: 'GET', url: '/robots.txt' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Disallow: /track/');
    } finally {
      await ctx.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
