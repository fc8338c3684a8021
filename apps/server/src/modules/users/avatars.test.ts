import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, User } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { multipart, storedFiles } from '../../../test/uploads.ts';

describe.each(dialects)('profile pictures on %s', (dialect) => {
  let ctx: TestContext;
  let alice: TestUser;
  let bob: TestUser;
  let staff: TestUser;
  let admin: TestUser;
  let png: Buffer;
  let gif: Buffer;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [alice, bob, staff, admin] = await Promise.all([
      ctx.newUser(),
      ctx.newUser(),
      ctx.newUser('STAFF'),
      ctx.newUser('ADMIN'),
    ]);
    png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#e4572e' } })
      .png()
      .toBuffer();
    gif = await sharp({ create: { width: 40, height: 90, channels: 3, background: '#17bebb' } })
      .gif()
      .toBuffer();
  });
  afterAll(() => ctx.close());

  const upload = (user: TestUser, name: string, content: Buffer) => {
    const body = multipart(name, content);
    return ctx.inject({
      method: 'PUT',
      url: '/api/v1/users/me/avatar',
      headers: { ...user.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const read = (user: TestUser | null, url: string) =>
    ctx.inject({ method: 'GET', url, headers: user ? user.headers : {} });
  const me = async (user: TestUser) =>
    (await ctx.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers })).json<User>();
  const avatars = () => storedFiles(ctx.config.uploadDir).filter((f) => f.includes('avatars'));
  const leftovers = () => storedFiles(ctx.config.uploadDir).filter((f) => !f.includes('avatars'));

  it('starts with no picture', async () => {
    expect((await me(alice)).avatarUrl).toBeNull();
    expect((await read(alice, `/api/v1/users/${alice.id}/avatar`)).statusCode).toBe(404);
  });

  it('takes a PNG, keeps it as a 256-pixel square WebP, and serves it privately to its owner', async () => {
    const res = await upload(alice, 'me.png', png);
    expect(res.statusCode, res.body).toBe(200);
    const user = res.json<User>();
    expect(user.id).toBe(alice.id);
    expect(user.avatarUrl).toMatch(new RegExp(`^/api/v1/users/${alice.id}/avatar\\?v=[0-9a-f-]{36}$`));
    expect((await me(alice)).avatarUrl).toBe(user.avatarUrl);

    const picture = await read(alice, user.avatarUrl ?? '');
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/webp');
    expect(picture.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const meta = await sharp(picture.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    // Only the WebP is kept, and nothing is left in the temp area.
    expect(avatars()).toHaveLength(1);
    expect(leftovers()).toEqual([]);

    // Without the current version the picture is served, but must be checked again before reuse.
    const unversioned = await read(alice, `/api/v1/users/${alice.id}/avatar`);
    expect(unversioned.statusCode).toBe(200);
    expect(unversioned.headers['cache-control']).toBe('private, no-cache');
  });

  it('replaces the picture with a new URL and deletes the old file', async () => {
    const before = (await me(alice)).avatarUrl ?? '';
    const oldFiles = avatars();
    const res = await upload(alice, 'tall.gif', gif);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<User>().avatarUrl ?? '';
    expect(after).not.toBe(before);
    expect(avatars()).toHaveLength(1);
    expect(avatars()).not.toEqual(oldFiles);
    const picture = await read(alice, after);
    expect(await sharp(picture.rawPayload).metadata()).toMatchObject({ width: 256, height: 256 });
    // The old URL now names the current picture, not a stale one to be kept.
    expect((await read(alice, before)).headers['cache-control']).toBe('private, no-cache');
  });

  it('lets staff and admins read any picture, and answers another customer with 404', async () => {
    const url = (await me(alice)).avatarUrl ?? '';
    for (const reader of [staff, admin]) {
      const res = await read(reader, url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
    }
    const sneaky = await read(bob, url);
    expect(sneaky.statusCode).toBe(404);
    expect(sneaky.json<ErrorResponse>().error.code).toBe('NOT_FOUND');
  });

  it('asks for a token: 401 without one, for reading, setting and removing', async () => {
    const url = (await me(alice)).avatarUrl ?? '';
    const body = multipart('me.png', png);
    const attempts = [
      await read(null, url),
      await ctx.inject({ method: 'PUT', url: '/api/v1/users/me/avatar', ...body }),
      await ctx.inject({ method: 'DELETE', url: '/api/v1/users/me/avatar' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorResponse>().error.code).toBe('UNAUTHENTICATED');
    }
    expect((await me(alice)).avatarUrl).toBe(url);
  });

  it('refuses what is not a picture with 415 and keeps the current one', async () => {
    const before = (await me(bob)).avatarUrl;
    const filesBefore = storedFiles(ctx.config.uploadDir);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    for (const [name, content] of [
      ['text.png', Buffer.from('just text, not a picture')],
      ['scan.png', pdf],
    ] as const) {
      const res = await upload(bob, name, content);
      expect(res.statusCode, name).toBe(415);
      expect(res.json<ErrorResponse>().error).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'A profile picture must be a JPEG, PNG, GIF or WebP image',
      });
    }
    // A PNG signature with nothing decodable behind it.
    const broken = Buffer.concat([png.subarray(0, 64), Buffer.alloc(5000, 7)]);
    expect((await upload(bob, 'broken.png', broken)).statusCode).toBe(415);
    const plain = await ctx.inject({
      method: 'PUT',
      url: '/api/v1/users/me/avatar',
      headers: bob.headers,
      payload: { file: 'x' },
    });
    expect(plain.statusCode).toBe(415);
    expect((await me(bob)).avatarUrl).toBe(before);
    expect(storedFiles(ctx.config.uploadDir)).toEqual(filesBefore);
  });

  it('refuses 11 MB with 413 and keeps the current one', async () => {
    const before = (await me(alice)).avatarUrl;
    const filesBefore = storedFiles(ctx.config.uploadDir);
    const res = await upload(alice, 'huge.png', Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]));
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorResponse>().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await me(alice)).avatarUrl).toBe(before);
    expect(storedFiles(ctx.config.uploadDir)).toEqual(filesBefore);
  });

  it('keeps one picture, and no stray file, when two uploads race', async () => {
    const results = await Promise.all([upload(bob, 'a.png', png), upload(bob, 'b.gif', gif)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const bobs = storedFiles(ctx.config.uploadDir).filter((f) => f.includes(bob.id));
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toContain(new URL((await me(bob)).avatarUrl ?? '', 'http://x').searchParams.get('v'));
  });

  it('removes the picture and its file; removing none is no error', async () => {
    const url = (await me(alice)).avatarUrl ?? '';
    const res = await ctx.inject({
      method: 'DELETE',
      url: '/api/v1/users/me/avatar',
      headers: alice.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>()).toMatchObject({ id: alice.id, avatarUrl: null });
    expect(storedFiles(ctx.config.uploadDir).filter((f) => f.includes(alice.id))).toEqual([]);
    expect((await read(alice, url)).statusCode).toBe(404);
    expect((await read(staff, url)).statusCode).toBe(404);
    const again = await ctx.inject({
      method: 'DELETE',
      url: '/api/v1/users/me/avatar',
      headers: alice.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<User>().avatarUrl).toBeNull();
  });
});
