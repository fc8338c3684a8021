/**
 * 0012 rebuilds two tables on SQLite: the rows written before it (notifications of customers, the
 * dispatcher's attempts) come through it, and back through its undo, unchanged.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dialects, openEmptyDatabase } from '../../../../test/context.ts';
import { deliveryRow } from '../../../modules/webhooks/webhooks.test-support.ts';
import { migrateTo, migrateToLatest } from '../migrator.ts';

const AT = '2030-01-01T00:00:00.000Z';

describe.each(dialects)('migration 0012 on %s', (dialect) => {
  it('keeps notifications and delivery attempts, backfills event types, and undoes cleanly', async () => {
    const { database, remove } = await openEmptyDatabase(dialect);
    const { db } = database;
    try {
      await migrateTo(db, '0008-shipments');
      await sql`insert into users (id, name, role, created_at, updated_at)
                values ('u1', 'Customer', 'CUSTOMER', ${AT}, ${AT})`.execute(db);
      await sql`insert into orders (id, order_number, customer_id, total_cents, currency, status,
                                    created_at, updated_at, status_updated_at)
                values ('o1', 'ABCDEFGHJK', 'u1', 100, 'USD', 'PENDING', ${AT}, ${AT}, ${AT})`.execute(db);
      const event = await sql<{ id: number }>`insert into order_events (order_id, type, visibility, at)
                values ('o1', 'created', 'customer', ${AT}) returning id`.execute(db);
      const eventId = Number(event.rows[0]!.id);
      await sql`insert into notifications (id, user_id, order_id, event_id, title, created_at)
                values ('n1', 'u1', 'o1', ${eventId}, 'Order placed', ${AT})`.execute(db);
      await sql`insert into webhooks (id, url, secret, event_types, last_event_id, created_at, updated_at)
                values ('w1', 'https://hooks.example.com', 's', '[]', 0, ${AT}, ${AT})`.execute(db);
      await sql`insert into webhook_deliveries (webhook_id, event_id, attempt, succeeded, duration_ms, at)
                values ('w1', ${eventId}, 1, 0, 5, ${AT}), ('w1', ${eventId}, 2, 1, 5, ${AT})`.execute(db);

      await migrateToLatest(db);
      const deliveries = await db
        .selectFrom('webhook_deliveries')
        .select(['id', 'kind', 'event_id', 'event_type', 'attempt'])
        .orderBy('id')
        .execute();
      expect(deliveries.map((d) => ({ ...d, id: Number(d.id), event_id: Number(d.event_id) }))).toEqual([
        { id: 1, kind: 'event', event_id: eventId, event_type: 'created', attempt: 1 },
        { id: 2, kind: 'event', event_id: eventId, event_type: 'created', attempt: 2 },
      ]);
      const notification = await db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
      expect(notification).toMatchObject({
        id: 'n1',
        order_id: 'o1',
        webhook_id: null,
        title: 'Order placed',
      });
      // Ids go on after the copied ones; a ping needs no event, an admin's notice no order.
      const ping = await db
        .insertInto('webhook_deliveries')
        .values(deliveryRow('w1', { at: AT }))
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(Number(ping.id)).toBe(3);
      await db
        .insertInto('notifications')
        .values({
          id: 'n2',
          user_id: 'u1',
          order_id: null,
          event_id: null,
          webhook_id: 'w1',
          title: 'Webhook disabled',
          body: null,
          read_at: null,
          created_at: AT,
        })
        .execute();

      // Undone: what only the new shape could hold goes; the rest stays.
      await migrateTo(db, '0008-shipments');
      const back = await sql<{ id: number }>`select id from webhook_deliveries order by id`.execute(db);
      expect(back.rows.map((r) => Number(r.id))).toEqual([1, 2]);
      const notes = await sql<{ id: string }>`select id from notifications`.execute(db);
      expect(notes.rows).toEqual([{ id: 'n1' }]);
      await expect(
        sql`insert into notifications (id, user_id, title, created_at) values ('n3', 'u1', 't', ${AT})`.execute(
          db,
        ),
      ).rejects.toThrow();
    } finally {
      await remove();
    }
  });
});
