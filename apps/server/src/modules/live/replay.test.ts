import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { transaction } from '../../platform/db/transaction.ts';

const EVENTS = 10_000;

/** A raw stream response from GET /events, resumed after `lastEventId`, not yet read from. */
function open(base: string, user: TestUser, lastEventId: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/v1/events`, {
      headers: { ...user.headers, 'last-event-id': String(lastEventId) },
    });
    req.on('response', (res) => {
      res.pause();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads the event ids of a stream until `last` arrives; the ids in order. */
function readIds(res: IncomingMessage, last: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const ids: number[] = [];
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
      const frames = text.split('\n\n');
      text = frames.pop() ?? '';
      for (const frame of frames) {
        const id = /^id: (\d+)$/m.exec(frame)?.[1];
        if (id) ids.push(Number(id));
      }
      if (ids.at(-1) === last) {
        res.destroy();
        resolve(ids);
      }
    });
    res.on('close', () => reject(new Error(`stream closed after ${ids.length} events`)));
    res.resume();
  });
}

describe.each(dialects)('resuming a stream after many missed events on %s', (dialect) => {
  let ctx: TestContext;
  let base: string;
  let staff: TestUser;
  let customer: TestUser;
  let first: number;
  let last: number;

  beforeAll(async () => {
    // A small buffer, so the replay must wait for its reader rather than fit in it.
    ctx = await createTestContext(
      dialect,
      {},
      { live: { maxBufferedBytes: 64 * 1024, replayStallMs: 1_000 } },
    );
    base = await ctx.listen();
    [staff, customer] = await Promise.all([ctx.newUser('STAFF'), ctx.newUser()]);
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const logged = { id: order.id, customer_id: order.customerId, order_number: order.orderNumber };
    first = await ctx.app.orderLog.latestId();
    // 10,000 notes of 1 KB the customer may read too: about 12 MB of frames, more than the kernel buffers.
    const note = 'n'.repeat(1000);
    for (let batch = 0; batch < EVENTS / 1000; batch++) {
      await transaction(ctx.db, (tx) =>
        ctx.app.orderLog.append(
          tx,
          logged,
          Array.from({ length: 1000 }, () => ({
            type: 'note_added' as const,
            from_status: null,
            to_status: null,
            actor_id: staff.id,
            note,
            visibility: 'customer' as const,
            at: new Date().toISOString(),
          })),
        ),
      );
    }
    last = await ctx.app.orderLog.latestId();
    ctx.app.feed.wake();
  }, 120_000);
  afterAll(() => ctx.close());

  it.each(['staff', 'customer'] as const)(
    'delivers all 10,000 missed events in order to %s, at the pace the client reads',
    async (who) => {
      const res = await open(base, who === 'staff' ? staff : customer, first);
      // The client reads nothing for a while, as a laptop waking up might: the replay waits for it.
      await new Promise((r) => setTimeout(r, 300));
      const droppedBefore = ctx.app.feed.droppedCount;
      const ids = await readIds(res, last);
      expect(ids).toHaveLength(EVENTS);
      expect(ids).toEqual(Array.from({ length: EVENTS }, (_, i) => first + 1 + i));
      expect(ctx.app.feed.droppedCount).toBe(droppedBefore);
    },
    60_000,
  );

  it('still drops a client that reads nothing at all', async () => {
    const droppedBefore = ctx.app.feed.droppedCount;
    const res = await open(base, staff, first);
    const closed = new Promise<void>((resolve) => res.socket.on('close', () => resolve()));
    // Never read: once the kernel buffers are full the replay waits, and after 1 s gives up.
    const deadline = Date.now() + 20_000;
    while (ctx.app.feed.droppedCount === droppedBefore && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ctx.app.feed.droppedCount).toBe(droppedBefore + 1);
    // The client, reading again, finds the connection closed by the server.
    res.on('error', () => undefined);
    res.resume();
    await closed;
  }, 30_000);
});
