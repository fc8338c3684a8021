import type { Role } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import { contains } from '../../platform/db/search.ts';
import { normalizeEmail } from '../../lib/email.ts';
import type { NewUserRow, UserRow, UserUpdate } from './users.table.ts';

export const findUserById = (db: Executor, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/** The accounts among `ids`, by id. */
export async function findUsersByIds(db: Executor, ids: string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findUserNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** How to reach each of these accounts: name, email and phone, by id. */
export async function findUserContacts(
  db: Executor,
  ids: string[],
): Promise<Map<string, { id: string; name: string; email: string | null; phone: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export const findUserByEmail = (db: Executor, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();

/** Any account holding the phone, verified or not. */
export const findUserByPhone = (db: Executor, phone: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();

export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...row, email: row.email ? normalizeEmail(row.email) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, id: string, patch: UserUpdate): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set(patch.email ? { ...patch, email: normalizeEmail(patch.email) } : patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Puts `next` in place of the picture `expected`, only if that is still the user's picture: two
 * uploads at once cannot both replace the same old one and leave a file that no row names.
 * Undefined when the user or the expected picture is gone.
 */
export async function swapAvatar(
  db: Executor,
  id: string,
  expected: string | null,
  next: string | null,
  at: string,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ avatar_id: next, updated_at: at })
    .where('id', '=', id)
    .where('avatar_id', expected === null ? 'is' : '=', expected)
    .returningAll()
    .executeTakeFirst();
}

/** Takes the phone off an account that never verified it (someone has now proved it is theirs). */
export async function releaseUnverifiedPhone(db: Executor, phone: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ phone: null, updated_at: at })
    .where('phone', '=', phone)
    .where('phone_verified_at', 'is', null)
    .execute();
}

/** Users for the admin list, each with how many orders they placed. */
export async function listUsers(
  db: Executor,
  filter: { q?: string | undefined; role?: Role | undefined; beforeId?: string | undefined; limit: number },
): Promise<(UserRow & { order_count: number })[]> {
  let query = db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('orders')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('orders.customer_id', '=', 'users.id')
        .as('order_count'),
    )
    .$narrowType<{ order_count: number }>()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.beforeId) query = query.where('users.id', '<', filter.beforeId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([contains('name', q), contains('email', q), contains('phone', q)]));
  }
  return query.execute();
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'ADMIN')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findActiveAdminIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'ADMIN')
    .where('active', '=', 1)
    .execute();
  return rows.map((row) => row.id);
}

export const anyUser = async (db: Executor): Promise<boolean> =>
  (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
