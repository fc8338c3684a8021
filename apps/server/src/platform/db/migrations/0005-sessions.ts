/**
 * Sessions of their own (SPEC §10): access tokens name one, and revoking it ends the access tokens
 * and live streams of that session at once. Refresh tokens belong to a session; phones are
 * attached only once verified; one-time codes say what they were sent for.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id']).execute();
  // Every instance reads the sessions revoked in the last seconds, to close their streams.
  await db.schema.createIndex('sessions_revoked_idx').on('sessions').columns(['revoked_at']).execute();

  // A family of refresh tokens was a session: it is revoked when none of its tokens is left unrevoked.
  await sql`
    insert into sessions (id, user_id, created_at, revoked_at, revoked_reason)
    select family_id, min(user_id), min(created_at),
           case when count(revoked_at) = count(*) then max(revoked_at) end,
           case when count(revoked_at) = count(*) then 'migrated' end
    from refresh_tokens group by family_id`.execute(db);
  await db.schema.dropIndex('refresh_tokens_family_idx').execute();
  await db.schema.alterTable('refresh_tokens').renameColumn('family_id', 'session_id').execute();
  await db.schema.alterTable('refresh_tokens').dropColumn('revoked_at').execute();
  await db.schema
    .createIndex('refresh_tokens_session_idx')
    .on('refresh_tokens')
    .columns(['session_id'])
    .execute();

  await db.schema.alterTable('users').addColumn('phone_verified_at', 'text').execute();
  // Accounts made by phone sign-in proved their phone; phones typed into a profile did not.
  await sql`update users set phone_verified_at = created_at
            where phone is not null and password_hash is null`.execute(db);

  await db.schema
    .alterTable('otp_codes')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('sign_in'))
    .execute();
  await db.schema.alterTable('otp_codes').addColumn('user_id', 'text').execute();

  // Tickets live 60 seconds; the ones open now are simply spent.
  await sql`delete from stream_tickets`.execute(db);
  await db.schema.alterTable('stream_tickets').addColumn('session_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stream_tickets').dropColumn('session_id').execute();
  await db.schema.alterTable('otp_codes').dropColumn('user_id').execute();
  await db.schema.alterTable('otp_codes').dropColumn('purpose').execute();
  await db.schema.alterTable('users').dropColumn('phone_verified_at').execute();
  await db.schema.dropIndex('refresh_tokens_session_idx').execute();
  await db.schema.alterTable('refresh_tokens').addColumn('revoked_at', 'text').execute();
  await sql`update refresh_tokens set revoked_at = (
              select s.revoked_at from sessions s where s.id = refresh_tokens.session_id)`.execute(db);
  await db.schema.alterTable('refresh_tokens').renameColumn('session_id', 'family_id').execute();
  await db.schema.createIndex('refresh_tokens_family_idx').on('refresh_tokens').column('family_id').execute();
  await db.schema.dropTable('sessions').execute();
}
