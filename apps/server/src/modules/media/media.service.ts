/**
 * Order attachments (SPEC §7). Uploads stream to disk while they are hashed and measured; the
 * type is sniffed from the first bytes and anything not allowed is refused before the rest is
 * stored. A failed upload leaves neither a row nor a file. An order holds at most 50 files and a
 * cancelled one takes none (SPEC §10).
 */
import type { Media, Role } from '@igniflo/contract';
import { now, type Db, type Executor } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import type { OrderRow } from '../orders/orders.table.ts';
import type { MediaStorage } from './media-storage.ts';
import type { MediaRow } from './media.table.ts';
import { ALLOWED_TYPES, safeFileName } from './media-type.ts';
import { IMAGE_TYPES, receiveUpload, writeThumbnail, type Upload } from './media-upload.ts';

const MAX_FILES_PER_ORDER = 50;
const REFUSAL = 'Only JPEG, PNG, GIF, WebP, MP4 and PDF files are accepted';

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

  /** A small WebP preview of an image; none for other files or an image that cannot be decoded. */
  async function makeThumbnail(localPath: string, mime: string): Promise<string | null> {
    if (!IMAGE_TYPES.includes(mime)) return null;
    const key = `thumbnails/${newId()}.webp`;
    return (await writeThumbnail(storage, localPath, key, { size: 320, fit: 'inside' })) ? key : null;
  }

  return {
    /** Checks the order before reading a byte of the upload, so a refused request stores nothing. */
    async upload(actor: Actor, orderId: string, upload: Upload): Promise<Media> {
      const order = await orders.visible(actor, orderId);
      await assertTakesFiles(db, order);
      const file = await receiveUpload(storage, upload, {
        maxBytes: deps.maxBytes,
        accept: Object.keys(ALLOWED_TYPES),
        refusal: REFUSAL,
      });
      const mime = file.mime;

      const id = newId();
      const key = `orders/${order.id}/${id}`;
      const thumbKey = await makeThumbnail(file.localPath, mime);
      await file.commit(key);
      const row: MediaRow = {
        id,
        order_id: order.id,
        uploader_id: actor.id,
        uploaded_by_staff: isStaff(actor.role) ? 1 : 0,
        file_name: safeFileName(file.fileName, mime),
        content_type: mime,
        size_bytes: file.size,
        sha256: file.sha256,
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
