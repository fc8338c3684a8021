import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Media, Order, Session } from '@igniflo/contract';
import {
  createPgDatabase,
  createTestContext,
  dialects,
  type TestContext,
  type TestUser,
} from '../../../test/context.ts';
import { start, tempDatabase } from '../../../test/server-process.ts';
import { multipart, storedFiles } from '../../../test/uploads.ts';

describe.each(dialects)('order media on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let order: Order;
  let png: Buffer;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [staff, alice, bob] = await Promise.all([ctx.newUser('STAFF'), ctx.newUser(), ctx.newUser()]);
    order = await ctx.placeOrder(alice, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#e4572e' } })
      .png()
      .toBuffer();
  });
  afterAll(() => ctx.close());

  const upload = (user: TestUser, orderId: string, name: string, content: Buffer) => {
    const body = multipart(name, content);
    return ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/media`,
      headers: { ...user.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const rows = () => ctx.db.selectFrom('media_files').select('id').execute();

  it('stores a PNG named .pdf as a PNG, with its sha256 and a thumbnail, and serves it back', async () => {
    const res = await upload(alice, order.id, 'drawing.pdf', png);
    expect(res.statusCode).toBe(201);
    const media = res.json<Media>();
    expect(media).toMatchObject({
      contentType: 'image/png',
      fileName: 'drawing.png',
      sizeBytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      hasThumbnail: true,
      uploadedByStaff: false,
    });
    const download = await ctx.inject({
      method: 'GET',
      url: `/api/v1/media/${media.id}`,
      headers: alice.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('filename="drawing.png"');
    expect(download.rawPayload.equals(png)).toBe(true);
    const thumb = await ctx.inject({
      method: 'GET',
      url: `/api/v1/media/${media.id}?variant=thumbnail`,
      headers: staff.headers,
    });
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBeLessThanOrEqual(320);
  });

  it('refuses an executable named .png with 415 and stores nothing', async () => {
    const before = (await rows()).length;
    const filesBefore = storedFiles(ctx.config.uploadDir).length;
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
      Buffer.from('PE\0\0'),
      Buffer.alloc(8000, 1),
    ]);
    const res = await upload(alice, order.id, 'photo.png', exe);
    expect(res.statusCode).toBe(415);
    expect(res.json<ErrorResponse>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(
      (await upload(alice, order.id, 'notes.txt', Buffer.from('just text, not a picture'))).statusCode,
    ).toBe(415);
    expect((await rows()).length).toBe(before);
    expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore);
  });

  it('refuses 11 MB with 413 and stores nothing', async () => {
    const before = (await rows()).length;
    const filesBefore = storedFiles(ctx.config.uploadDir).length;
    const big = Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]);
    const res = await upload(staff, order.id, 'huge.png', big);
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorResponse>().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await rows()).length).toBe(before);
    expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore);
  });

  it("keeps another customer out of an order's media with 404", async () => {
    const mine = (await upload(alice, order.id, 'mine.png', png)).json<Media>();
    expect((await upload(bob, order.id, 'sneaky.png', png)).statusCode).toBe(404);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/media/${mine.id}`, headers: bob.headers })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/media`, headers: bob.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.inject({ method: 'DELETE', url: `/api/v1/media/${mine.id}`, headers: bob.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('shows staff media to the customer only once the order is delivered or completed', async () => {
    const own = await ctx.placeOrder(alice, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const progress = (await upload(staff, own.id, 'progress.png', png)).json<Media>();
    expect(progress.uploadedByStaff).toBe(true);
    const list = async () =>
      (
        await ctx.inject({ method: 'GET', url: `/api/v1/orders/${own.id}/media`, headers: alice.headers })
      ).json<{ items: Media[] }>().items;
    expect(await list()).toEqual([]);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/media/${progress.id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(404);
    await ctx.moveOrder(staff, own.id, 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED');
    expect(await list()).toEqual([]);
    await ctx.moveOrder(staff, own.id, 'DELIVERED');
    expect((await list()).map((m) => m.id)).toEqual([progress.id]);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/media/${progress.id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(200);
  });

  it('removes the stored file and thumbnail when media is deleted', async () => {
    const media = (await upload(alice, order.id, 'temp.png', png)).json<Media>();
    const filesBefore = storedFiles(ctx.config.uploadDir).length;
    expect(
      (await ctx.inject({ method: 'DELETE', url: `/api/v1/media/${media.id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(204);
    expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore - 2);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/media/${media.id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(404);
  });

  const boundary = 'igniflo-attack';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const malformed: [string, () => { type: string; body: Buffer }][] = [
    ['no boundary', () => ({ type: 'multipart/form-data', body: multipart('a.png', png).payload })],
    [
      'a boundary too long to search for',
      () => ({ type: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: Buffer.from('--b\r\n') }),
    ],
    [
      'a part cut off in its content',
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.concat([Buffer.from(head), png.subarray(0, png.length / 2)]),
      }),
    ],
    [
      'a part cut off in its headers',
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-da`),
      }),
    ],
    [
      'garbage',
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x2d, 0x2d, 0xfe]),
      }),
    ],
  ];
  for (const [name, build] of malformed) {
    it(`answers a multipart body with ${name} with 400 in the error shape and stores nothing`, async () => {
      const before = (await rows()).length;
      const filesBefore = storedFiles(ctx.config.uploadDir).length;
      const { type, body } = build();
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/media`,
        headers: { ...alice.headers, 'content-type': type },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(400);
      const error = res.json<ErrorResponse>();
      expect(error.error.code).toBe('BAD_REQUEST');
      expect(error.requestId).toBe(res.headers['x-request-id']);
      expect((await rows()).length).toBe(before);
      expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore);
    });
  }

  const part = (name: string, content: string, file = true) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="a.png"\r\nContent-Type: image/png' : ''}\r\n\r\n${content}\r\n`;
  const notOneFile: [string, (png: string) => string][] = [
    ['a file in a field not named "file"', (png) => part('upload', png)],
    ['two files', (png) => part('file', png) + part('file', png)],
    ['a field before the file', (png) => part('caption', 'hello', false) + part('file', png)],
    ['a field after the file', (png) => part('file', png) + part('caption', 'hello', false)],
  ];
  for (const [name, parts] of notOneFile) {
    it(`refuses ${name} with 400 and stores nothing: one file, named "file", and nothing else`, async () => {
      const before = (await rows()).length;
      const filesBefore = storedFiles(ctx.config.uploadDir).length;
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/media`,
        headers: { ...alice.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.from(`${parts(png.toString('latin1'))}--${boundary}--\r\n`, 'latin1'),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorResponse>().error.message).toMatch(/exactly one file/);
      expect((await rows()).length).toBe(before);
      expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore);
    });
  }

  it('takes at most 50 files per order, even from 55 uploads at once, and one more after a delete', async () => {
    const full = await ctx.placeOrder(alice, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const filesBefore = storedFiles(ctx.config.uploadDir).length;
    const results = await Promise.all(
      Array.from({ length: 55 }, (_, i) => upload(i % 2 ? staff : alice, full.id, `f${i}.png`, png)),
    );
    const accepted = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(accepted).toHaveLength(50);
    expect(refused.map((r) => r.statusCode)).toEqual([409, 409, 409, 409, 409]);
    expect(refused[0]?.json<ErrorResponse>().error).toMatchObject({
      code: 'CONFLICT',
      message: /at most 50 files/,
    });
    const listed = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${full.id}/media`,
      headers: staff.headers,
    });
    expect(listed.json<{ items: Media[] }>().items).toHaveLength(50);
    // Each stored upload is a file and its thumbnail; the refused ones left nothing behind.
    expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore + 100);
    expect((await upload(staff, full.id, 'one-more.png', png)).statusCode).toBe(409);

    const first = accepted[0]?.json<Media>();
    expect(
      (await ctx.inject({ method: 'DELETE', url: `/api/v1/media/${first?.id}`, headers: staff.headers }))
        .statusCode,
    ).toBe(204);
    expect((await upload(staff, full.id, 'replacement.png', png)).statusCode).toBe(201);
  });

  it('refuses uploads to a cancelled order with 409 and stores nothing', async () => {
    const cancelled = await ctx.placeOrder(alice, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const cancel = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${cancelled.id}/cancel`,
      headers: alice.headers,
      payload: {},
    });
    expect(cancel.statusCode).toBe(200);
    const before = (await rows()).length;
    const filesBefore = storedFiles(ctx.config.uploadDir).length;
    for (const user of [alice, staff]) {
      const res = await upload(user, cancelled.id, 'late.png', png);
      expect(res.statusCode).toBe(409);
      expect(res.json<ErrorResponse>().error).toMatchObject({ code: 'CONFLICT', message: /cancelled/ });
    }
    expect((await rows()).length).toBe(before);
    expect(storedFiles(ctx.config.uploadDir).length).toBe(filesBefore);
  });

  it('refuses a request that is not multipart with 415', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/media`,
      headers: alice.headers,
      payload: { file: 'x' },
    });
    expect(res.statusCode).toBe(415);
  });
});

describe.each(dialects)('a client hanging up mid-upload on %s', (dialect) => {
  it('is logged as a client abort, not a database error, stores nothing, and the server goes on serving', async () => {
    let databaseUrl = tempDatabase();
    let drop: (() => Promise<void>) | undefined;
    if (dialect === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase());
    const uploadDir = mkdtempSync(path.join(tmpdir(), 'igniflo-uploads-'));
    const server = await start({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'hang-up-test-secret-long-enough-for-hs256-000',
      UPLOAD_DIR: uploadDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
    });
    try {
      const api = async <T>(url: string, init: RequestInit): Promise<T> => {
        const res = await fetch(`${server.url}/api/v1${url}`, init);
        if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      };
      const json = { 'content-type': 'application/json' };
      const { accessToken } = await api<Session>('/auth/register', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'quitter@example.test', password: 'long-enough-1', name: 'Q' }),
      });
      const authorization = `Bearer ${accessToken}`;
      const order = await api<Order>('/orders', {
        method: 'POST',
        headers: { ...json, authorization },
        body: JSON.stringify({ title: 'A sign' }),
      });
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#17bebb' } })
        .png()
        .toBuffer();
      const body = multipart('big.png', Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));

      // Headers and half the body, then the connection is gone.
      const { port, hostname } = new URL(server.url);
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/v1/orders/${order.id}/media HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${authorization}\r\n` +
          `Content-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\n\r\n`,
      );
      await new Promise<void>((resolve) =>
        socket.write(body.payload.subarray(0, body.payload.length / 2), () => resolve()),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.destroy();

      const logged = () =>
        server
          .output()
          .split('\n')
          .filter((line) => line.includes('client closed the connection before the request was complete'));
      await expect.poll(logged, { timeout: 5_000 }).toHaveLength(1);
      expect(JSON.parse(logged()[0] ?? '{}')).toMatchObject({ level: 30 });
      expect(server.output()).not.toContain('database unavailable');
      expect(server.output()).not.toContain('"level":50');
      await expect.poll(() => storedFiles(uploadDir), { timeout: 5_000 }).toEqual([]);

      const form = new FormData();
      form.append('file', new Blob([png]), 'after.png');
      const after = await fetch(`${server.url}/api/v1/orders/${order.id}/media`, {
        method: 'POST',
        headers: { authorization },
        body: form,
      });
      expect(after.status).toBe(201);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await drop?.();
      rmSync(uploadDir, { recursive: true, force: true });
    }
  }, 60_000);
});
