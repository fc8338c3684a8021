/**
 * The users module's face for other modules: finding accounts and writing the few fields signing
 * in owns (auth creates accounts and stamps sign-ins; the one-time-code flow finds and creates
 * accounts by phone). Each call runs on the executor it is given, so it joins the caller's
 * transaction. Profile and admin changes go through UsersService.
 */
import type { Executor } from '../../platform/db/database.ts';
import {
  anyUser,
  findActiveAdminIds,
  findUserByEmail,
  findUserById,
  findUserContacts,
  findUserByPhone,
  findUserNames,
  findUsersByIds,
  insertUser,
  releaseUnverifiedPhone,
  updateUser,
} from './users.repository.ts';
import type { NewUserRow, UserRow, UserUpdate } from './users.table.ts';

export const userDirectory = {
  byId: (db: Executor, id: string): Promise<UserRow | undefined> => findUserById(db, id),
  /** The accounts among `ids`, by id, in one read. */
  byIds: (db: Executor, ids: string[]): Promise<Map<string, UserRow>> => findUsersByIds(db, ids),
  byEmail: (db: Executor, email: string): Promise<UserRow | undefined> => findUserByEmail(db, email),
  byPhone: (db: Executor, phone: string): Promise<UserRow | undefined> => findUserByPhone(db, phone),
  /** Names by id, for the accounts that exist among `ids`. */
  names: (db: Executor, ids: string[]): Promise<Map<string, string>> => findUserNames(db, ids),
  /** Name, email and phone by id, for staff reaching the customers of orders (SPEC §14). */
  contacts: (db: Executor, ids: string[]) => findUserContacts(db, ids),
  create: (db: Executor, row: NewUserRow): Promise<UserRow> => insertUser(db, row),
  update: (db: Executor, id: string, patch: UserUpdate): Promise<UserRow | undefined> =>
    updateUser(db, id, patch),
  /** Frees a phone number an account claimed but never verified, for the account that proves it. */
  releaseUnverifiedPhone: (db: Executor, phone: string, at: string): Promise<void> =>
    releaseUnverifiedPhone(db, phone, at),
  /** The active admins, whom operational news (a webhook turned off) is for. */
  activeAdminIds: (db: Executor): Promise<string[]> => findActiveAdminIds(db),
  /** Whether any account exists: the demo seeds only an empty database. */
  any: (db: Executor): Promise<boolean> => anyUser(db),
};
