/**
 * Order attachments (SPEC §7). Uploads stream to disk while they are hashed and measured; the
 * type is sniffed from the first bytes and anything not allowed is refused before the rest is
 * stored. A failed upload leaves neither a row nor a file. An order holds at most 50 files and a
 * cancelled one takes none (SPEC §10).
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import sharp from 'sharp';
import { ErrorCode, type Media, type Role } from '@igniflo/contract';
import { now, type Db, type Executor } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import type { OrderRow } from '../orders/orders.table.ts';
import type { MediaStorage } from './media-storage.ts';
import type { MediaRow } from './media.table.ts';
import { safeFileName, sniffType } from './media-type.ts';

const SNIFF_BYTES = 4100;
const MAX_FILES_PER_ORDER = 50;

const unsupported = () =>
  new AppError(
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    415,
    'Only JPEG, PNG, GIF, WebP, MP4 and PDF files are accepted',
  );
const tooLarge = (max: number) =>
  new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 413, `Files may be at most ${Math.floor(max / 1024 / 1024)} MiB`);

/**
 * A body that is not valid multipart (no boundary, cut short, garbage) is the client's mistake,
 * a 400. Busboy gives these errors no code, so they are known by their messages.
 */
const MALFORMED_MULTIPART =
  /^Multipart: Boundary not found|unexpected end of multipart data|^The needle cannot/i;
const asUploadError = (error: unknown): unknown =>
  error instanceof Error && MALFORMED_MULTIPART.test(error.message)
    ? new AppError(ErrorCode.BAD_REQUEST, 400, 'The multipart body is malformed or incomplete')
    : error;

/** Checked before a byte of the upload is read, and again under the order's lock as the row is written. */
async function assertTakesFiles(db: Executor, order: OrderRow): Promise<void> {
  if (order.status === 'CANCELLED') throw conflict('Files cannot be added to a cancelled order');
  const { files } = await db
    .selectFrom('media_files')
    .select((eb) => eb.fn.countAll<number>().as('files'))
    .where('order_id', '=', order.id)
    .executeTakeFirstOrThrow();
  if (Number(files) >= MAX_FILES_PER_ORDER) {
    throw conflict(`An order holds at most ${MAX_FILES_PER_ORDER} files; delete one to add another`);
  }
}

const isStaff = (role: Role) => role === 'STAFF' || role === 'ADMIN';

/** Customers see their own uploads always, and staff uploads once the order is delivered or completed. */
function canSee(actor: Actor, order: OrderRow, media: MediaRow): boolean {
  if (isStaff(actor.role)) return true;
  if (media.uploaded_by_staff === 0) return true;
  return order.status === 'DELIVERED' || order.status === 'COMPLETED';
}

export const toMedia = (row: MediaRow): Media => ({
  id: row.id,
  orderId: row.order_id,
  uploaderId: row.uploader_id,
  uploadedByStaff: row.uploaded_by_staff === 1,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  hasThumbnail: row.thumbnail_key !== null,
  createdAt: row.created_at,
});

/** Hashes and counts what flows through, and sniffs the type from the first bytes before letting more pass. */
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  mime: string | null = null;
  #head: Buffer[] = [];
  #headLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.mime !== null) return done(null, chunk);
    this.#head.push(chunk);
    this.#headLength += chunk.length;
    if (this.#headLength < SNIFF_BYTES) return done();
    this.#sniff(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.mime !== null) return done();
    this.#sniff(done);
  }

  #sniff(done: TransformCallback): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    sniffType(head).then(
      (mime) => {
        if (!mime) return done(unsupported());
        this.mime = mime;
        done(null, head);
      },
      () => done(unsupported()),
    );
  }
}

export type MediaService = ReturnType<typeof createMediaService>;

export function createMediaService(deps: {
  db: Db;
  orders: OrdersService;
  storage: MediaStorage;
  maxBytes: number;
}) {
  const { db, orders, storage } = deps;

  async function visibleMedia(actor: Actor, id: string): Promise<{ media: MediaRow; order: OrderRow }> {
    const media = await db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
    if (!media) throw notFound('File');
    const order = await orders.visible(actor, media.order_id).catch(() => undefined);
    if (!order || !canSee(actor, order, media)) throw notFound('File');
    return { media, order };
  }

  /** A small WebP preview of an image; none when the image cannot be decoded. */
  async function makeThumbnail(localPath: string, mime: string): Promise<string | null> {
    if (!mime.startsWith('image/')) return null;
    const target = await storage.create();
    try {
      const resized = sharp(localPath, { animated: false })
        .rotate()
        .resize(320, 320, { fit: 'inside' })
        .webp({ quality: 70 });
      await pipeline(resized, target.sink);
      const key = `thumbnails/${newId()}.webp`;
      await target.commit(key);
      return key;
    } catch {
      await target.discard();
      return null;
    }
  }

  return {
    /** Checks the order before reading a byte of the upload, so a refused request stores nothing. */
    async upload(
      actor: Actor,
      orderId: string,
      nextFile: () => Promise<MultipartFile | undefined>,
    ): Promise<Media> {
      const order = await orders.visible(actor, orderId);
      await assertTakesFiles(db, order);
      const file = await nextFile().catch((error: unknown) => {
        throw asUploadError(error);
      });
      if (!file)
        throw new AppError(
          ErrorCode.VALIDATION_ERROR,
          400,
          'Send the file as multipart/form-data in a field named "file"',
        );
      const target = await storage.create();
      const inspector = new Inspector();
      try {
        await pipeline(file.file, inspector, target.sink);
        if (file.file.truncated) throw tooLarge(deps.maxBytes);
      } catch (error) {
        await target.discard();
        if (error instanceof AppError) throw error;
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || file.file.truncated)
          throw tooLarge(deps.maxBytes);
        throw asUploadError(error);
      }
      const mime = inspector.mime;
      if (!mime || inspector.size === 0) {
        await target.discard();
        throw unsupported();
      }

      const id = newId();
      const key = `orders/${order.id}/${id}`;
      const thumbKey = await makeThumbnail(target.localPath, mime);
      await target.commit(key);
      const row: MediaRow = {
        id,
        order_id: order.id,
        uploader_id: actor.id,
        uploaded_by_staff: isStaff(actor.role) ? 1 : 0,
        file_name: safeFileName(file.filename, mime),
        content_type: mime,
        size_bytes: inspector.size,
        sha256: inspector.hash.digest('hex'),
        storage_key: key,
        thumbnail_key: thumbKey,
        created_at: now(),
      };
      try {
        await orders.recordWith(
          actor,
          order,
          {
            type: 'media_added',
            note: row.file_name,
            visibility: row.uploaded_by_staff ? 'internal' : 'customer',
          },
          async (tx, current) => {
            await assertTakesFiles(tx, current);
            await tx.insertInto('media_files').values(row).execute();
          },
        );
      } catch (error) {
        await storage.remove(key);
        if (thumbKey) await storage.remove(thumbKey);
        throw error;
      }
      return toMedia(row);
    },

    async list(actor: Actor, orderId: string): Promise<{ items: Media[] }> {
      const order = await orders.visible(actor, orderId);
      const rows = await db
        .selectFrom('media_files')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('id')
        .execute();
      return { items: rows.filter((row) => canSee(actor, order, row)).map(toMedia) };
    },

    async open(actor: Actor, id: string, variant: 'original' | 'thumbnail') {
      const { media } = await visibleMedia(actor, id);
      const key = variant === 'thumbnail' ? media.thumbnail_key : media.storage_key;
      if (!key || !(await storage.exists(key))) throw notFound('File');
      return {
        media,
        contentType: variant === 'thumbnail' ? 'image/webp' : media.content_type,
        stream: storage.read(key),
      };
    },

    /** Staff and admins, or the customer who uploaded it; the stored files go with the row. */
    async remove(actor: Actor, id: string): Promise<void> {
      const { media } = await visibleMedia(actor, id);
      if (!isStaff(actor.role) && media.uploader_id !== actor.id)
        throw forbidden('Only staff or the uploader may delete this file');
      await db.deleteFrom('media_files').where('id', '=', id).execute();
      await storage.remove(media.storage_key);
      if (media.thumbnail_key) await storage.remove(media.thumbnail_key);
    },
  };
}
