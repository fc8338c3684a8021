/**
 * Profile pictures: a user's current picture, by the id it was stored under (its file is
 * avatars/<user id>/<avatar id>.webp). A new id for every new picture is what lets clients cache.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('avatar_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('avatar_id').execute();
}
