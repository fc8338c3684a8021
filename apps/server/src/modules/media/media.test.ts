import { createHash } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Media, Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

/** A multipart/form-data body with one file field. */
function multipart(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----igniflo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every file under the upload folder except the temp area. */
function storedFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

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
