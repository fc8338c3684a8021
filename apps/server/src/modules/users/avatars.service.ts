/**
 * Profile pictures. An upload comes in through the media module's receiving (sniffed by content,
 * bounded in size) and is kept only as a 256-pixel square WebP; a new picture is stored under a
 * new id, so its URL changes and clients may cache each one. The old file goes once the new one
 * is in place.
 */
import type { Role, User } from '@igniflo/contract';
import type { Readable } from 'node:stream';
import { now, type Db } from '../../platform/db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { MediaStorage } from '../media/media-storage.ts';
import {
  IMAGE_TYPES,
  receiveUpload,
  unsupportedType,
  writeThumbnail,
  type Upload,
} from '../media/media-upload.ts';
import { toUser } from './users.mapper.ts';
import { findUserById, swapAvatar } from './users.repository.ts';
import type { UserRow } from './users.table.ts';

export const AVATAR_PIXELS = 256;
const REFUSAL = 'A profile picture must be a JPEG, PNG, GIF or WebP image';

const avatarKey = (userId: string, avatarId: string) => `avatars/${userId}/${avatarId}.webp`;

export type AvatarsService = ReturnType<typeof createAvatarsService>;

export function createAvatarsService({
  db,
  storage,
  maxBytes,
}: {
  db: Db;
  storage: MediaStorage;
  maxBytes: number;
}) {
  async function findUser(id: string): Promise<UserRow> {
    const row = await findUserById(db, id);
    if (!row) throw notFound('User');
    return row;
  }

  /**
   * Makes `next` the user's picture in place of whatever is there, even if another request changed
   * it meanwhile, and removes the file it replaced.
   */
  async function replace(user: UserRow, next: string | null): Promise<User> {
    let previous = user.avatar_id;
    for (;;) {
      const row = await swapAvatar(db, user.id, previous, next, now());
      if (row) {
        if (previous !== null) await storage.remove(avatarKey(user.id, previous));
        return toUser(row);
      }
      previous = (await findUser(user.id)).avatar_id;
    }
  }

  return {
    /** Reads the upload only after the user is known; a refused upload changes nothing. */
    async set(userId: string, upload: Upload): Promise<User> {
      const user = await findUser(userId);
      const file = await receiveUpload(storage, upload, {
        maxBytes,
        accept: IMAGE_TYPES,
        refusal: REFUSAL,
      });
      const avatarId = newId();
      const key = avatarKey(userId, avatarId);
      let written: boolean;
      try {
        written = await writeThumbnail(storage, file.localPath, key, { size: AVATAR_PIXELS, fit: 'cover' });
      } finally {
        await file.discard();
      }
      if (!written) throw unsupportedType('The picture could not be read: try another file');
      try {
        return await replace(user, avatarId);
      } catch (error) {
        await storage.remove(key);
        throw error;
      }
    },

    async remove(userId: string): Promise<User> {
      const user = await findUser(userId);
      return user.avatar_id === null ? toUser(user) : replace(user, null);
    },

    /**
     * The picture, for the user themselves, staff and admins; a customer asking for another
     * customer's, or for a user without one, is told there is none.
     */
    async open(
      actor: { id: string; role: Role },
      userId: string,
    ): Promise<{ version: string; stream: Readable }> {
      if (actor.role === 'CUSTOMER' && actor.id !== userId) throw notFound('Picture');
      const user = await findUserById(db, userId);
      if (!user?.avatar_id) throw notFound('Picture');
      const key = avatarKey(userId, user.avatar_id);
      if (!(await storage.exists(key))) throw notFound('Picture');
      return { version: user.avatar_id, stream: storage.read(key) };
    },
  };
}
