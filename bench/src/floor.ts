/**
 * The database's floor for placing an order: the statements the orders service runs for one order
 * of 1–3 items with an Idempotency-Key (the user lookup of authentication, the key's claim, a
 * stock take per product that also reads it, ledger, order, items, stored response, events lock,
 * event, notification), as prepared statements with no HTTP, JSON, JWT, Kysely or service code
 * around them. On SQLite they run 32 to a commit, each in a savepoint, with synchronous=FULL, as
 * the group commit runs them; on PostgreSQL 100 at a time over a pool of DEFAULT_POOL_SIZE, as the server does.
 * On PostgreSQL the same writes are also made in one round trip, by a PL/pgSQL function of the
 * benchmark's own: the bound for any design that keeps these writes. The process runs on the
 * server's core. What it reaches bounds what the server could: `npm run bench` sets it against
 * the same run's ceiling.
 *
 *   npm run bench:floor -- sqlite|postgres [seconds=10]
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_POOL_SIZE } from '../../apps/server/src/platform/config.ts';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrator.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import { postgresCpuSeconds } from './cpu.ts';
import { createBenchDatabase, spawnOnServerCore } from './server.ts';

type Dialect = 'sqlite' | 'postgres';
const CUSTOMERS = 100;
const PRODUCTS = 200;
const RESPONSE = JSON.stringify({ order: 'x'.repeat(900) });

/** One order's values: 1–3 distinct products in id order, as the service touches them. */
function orderValues(customers: string[], products: string[], n: number, phase = 'statements') {
  const ids = [
    ...new Set(Array.from({ length: 1 + (n % 3) }, () => products[Math.floor(Math.random() * PRODUCTS)]!)),
  ].sort();
  return {
    customer: customers[n % CUSTOMERS]!,
    key: `floor-${phase}-${n}`,
    ids,
    orderId: newId(),
    at: new Date().toISOString(),
  };
}

const placeholders = (count: number, width: number, from = 1, dollar = false) =>
  Array.from(
    { length: count },
    (_, i) =>
      `(${Array.from({ length: width }, (_, j) => (dollar ? `$${from + i * width + j}` : '?')).join(', ')})`,
  ).join(', ');

const SQL = {
  user: 'select role, active from users where id = ?',
  claim:
    "insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at) values (?, ?, ?, 0, '', ?) on conflict (user_id, key) do update set request_hash = excluded.request_hash where idempotency_keys.created_at < ? returning key",
  take: 'update products set stock = stock - ?, updated_at = ? where id = ? and stock >= ? and active = 1 returning *',
  order:
    "insert into orders (id, order_number, customer_id, title, description, special_instructions, total_cents, currency, status, held_from_status, payment_received, shipping_address, carrier, tracking_number, estimated_delivery, assigned_staff_id, created_at, updated_at, status_updated_at, completed_at, cancelled_at, version) values (?, ?, ?, null, null, null, ?, 'USD', 'PENDING', null, 0, null, null, null, null, null, ?, ?, ?, null, null, 1)",
  store: 'update idempotency_keys set response_status = 201, response_body = ? where user_id = ? and key = ?',
  event:
    "insert into order_events (order_id, type, from_status, to_status, actor_id, note, visibility, at) values (?, 'created', null, 'PENDING', ?, null, 'customer', ?) returning *",
  notification:
    "insert into notifications (id, user_id, order_id, event_id, title, body, read_at, created_at) values (?, ?, ?, ?, 'Order placed', ?, null, ?)",
};
const ledgerSql = (n: number) =>
  `insert into inventory_ledger (product_id, delta, reason, order_id, actor_id, at) values ${placeholders(n, 6)}`;
const itemsSql = (n: number) =>
  `insert into order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity, options) values ${placeholders(n, 8)}`;
/** `?` to `$1, $2, …` for PostgreSQL. */
const numbered = (text: string) => {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
};

async function seed(url: string) {
  const database = openDatabase(
    url.startsWith('file:')
      ? { dialect: 'sqlite', file: url.slice('file:'.length), synchronous: 'FULL' }
      : { dialect: 'postgres', url },
  );
  await migrateToLatest(database.db);
  const at = new Date().toISOString();
  const customers = Array.from({ length: CUSTOMERS }, () => newId());
  const products = Array.from({ length: PRODUCTS }, () => newId());
  await database.db
    .insertInto('users')
    .values(
      customers.map((id, i) => ({
        id,
        email: `f${i}@bench.test`,
        name: `F${i}`,
        role: 'CUSTOMER' as const,
        active: 1,
        password_hash: 'x',
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  await database.db
    .insertInto('products')
    .values(
      products.map((id, i) => ({
        id,
        sku: `F-${i}`,
        name: `Floor ${i}`,
        description: '',
        price_cents: 100 + i,
        currency: 'USD',
        stock: 100_000_000,
        active: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  await database.close();
  return { customers, products };
}

function sqliteFloor(file: string, customers: string[], products: string[], seconds: number) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const prepared = new Map<string, SQLite.Statement>();
  const st = (text: string) => {
    let s = prepared.get(text);
    if (!s) prepared.set(text, (s = db.prepare(text)));
    return s;
  };
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() < end) {
    st('begin').run();
    for (let j = 0; j < 32; j++, n++) {
      const o = orderValues(customers, products, n);
      st(SQL.user).get(o.customer);
      st('savepoint grouped').run();
      st(SQL.claim).get(o.customer, o.key, 'h'.repeat(64), o.at, o.at);
      for (const id of o.ids) st(SQL.take).get(1, o.at, id, 1);
      st(ledgerSql(o.ids.length)).run(
        ...o.ids.flatMap((id) => [id, -1, 'order placed', o.orderId, o.customer, o.at]),
      );
      st(SQL.order).run(o.orderId, o.orderId.slice(-10), o.customer, 100 * o.ids.length, o.at, o.at, o.at);
      st(itemsSql(o.ids.length)).run(
        ...o.ids.flatMap((id, i) => [o.orderId, i + 1, id, 'F', 'Floor', 100, 1, '{}']),
      );
      st(SQL.store).run(RESPONSE, o.customer, o.key);
      const event = st(SQL.event).get(o.orderId, o.customer, o.at) as { id: number };
      st(SQL.notification).run(newId(), o.customer, o.orderId, event.id, 'Your order was placed', o.at);
      st('release grouped').run();
    }
    st('commit').run();
  }
  const measured = rate(n, start, cpu);
  db.close();
  return measured;
}

/** Orders per second, and this process's CPU (user and system) per order in µs. */
function rate(orders: number, start: number, cpu: NodeJS.CpuUsage): Rate {
  const used = process.cpuUsage(cpu);
  return {
    perSecond: orders / ((performance.now() - start) / 1000),
    cpuUs: (used.user + used.system) / orders,
  };
}

interface Rate {
  perSecond: number;
  cpuUs: number;
  /** PostgreSQL: its CPU per order (every process named postgres: the backends, WAL writer, …). */
  postgresUs?: number;
  /** PostgreSQL: an order's time from sending its first statement to its commit, 100 at a time. */
  p50Ms?: number;
  p99Ms?: number;
}

/** 100 concurrent orders at a time over the server's pool size. */
async function drivePostgres(
  pool: pg.Pool,
  seconds: number,
  place: (n: number) => Promise<void>,
): Promise<Rate> {
  let n = 0;
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const postgresCpu = postgresCpuSeconds();
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await place(n++);
        latencies.push(performance.now() - began);
        done++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.floor((latencies.length - 1) * p)] ?? NaN;
  return {
    ...rate(done, start, cpu),
    postgresUs: ((postgresCpuSeconds() - postgresCpu) * 1e6) / done,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
  };
}

const query = (client: pg.PoolClient | pg.Pool, text: string, values: unknown[]) =>
  client.query({ name: text.length > 60 ? `f${hash(text)}` : undefined, text: numbered(text), values });

/**
 * The statements one by one in a transaction, as the orders service sends them; named, so
 * PostgreSQL plans each once (Kysely does not name them): a bound, not a copy.
 */
async function postgresStatements(pool: pg.Pool, customers: string[], products: string[], seconds: number) {
  return drivePostgres(pool, seconds, async (n) => {
    const o = orderValues(customers, products, n);
    await query(pool, SQL.user, [o.customer]);
    const client = await pool.connect();
    try {
      await client.query('begin');
      await query(client, SQL.claim, [o.customer, o.key, 'h'.repeat(64), o.at, o.at]);
      for (const id of o.ids) await query(client, SQL.take, [1, o.at, id, 1]);
      const ledger = o.ids.flatMap((id) => [id, -1, 'order placed', o.orderId, o.customer, o.at]);
      await query(client, ledgerSql(o.ids.length), ledger);
      const order = [o.orderId, o.orderId.slice(-10), o.customer, 100 * o.ids.length, o.at, o.at, o.at];
      await query(client, SQL.order, order);
      const items = o.ids.flatMap((id, i) => [o.orderId, i + 1, id, 'F', 'Floor', 100, 1, '{}']);
      await query(client, itemsSql(o.ids.length), items);
      await query(client, SQL.store, [RESPONSE, o.customer, o.key]);
      await client.query('select pg_advisory_xact_lock(7245001)');
      const event = await query(client, SQL.event, [o.orderId, o.customer, o.at]);
      const eventId = (event.rows[0] as { id: number }).id;
      await query(client, SQL.notification, [newId(), o.customer, o.orderId, eventId, 'Placed', o.at]);
      await client.query('commit');
    } finally {
      client.release();
    }
  });
}

/**
 * The same writes in one round trip: a PL/pgSQL function of the benchmark's own, called as one
 * statement. An upper bound for placing an order on PostgreSQL in any design with these writes.
 */
async function postgresOneRoundTrip(pool: pg.Pool, customers: string[], products: string[], seconds: number) {
  await pool.query(`
    create function floor_place(p_user text, p_key text, p_ids text[], p_order text, p_at text, p_body text, p_notification text)
    returns bigint language plpgsql as $$
    declare i int; event_id bigint;
    begin
      insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
        values (p_user, p_key, repeat('h', 64), 0, '', p_at)
        on conflict (user_id, key) do update set request_hash = excluded.request_hash where idempotency_keys.created_at < p_at;
      for i in 1..array_length(p_ids, 1) loop
        update products set stock = stock - 1, updated_at = p_at where id = p_ids[i] and stock >= 1 and active = 1;
        if not found then raise exception 'short of stock'; end if;
      end loop;
      insert into inventory_ledger (product_id, delta, reason, order_id, actor_id, at)
        select id, -1, 'order placed', p_order, p_user, p_at from unnest(p_ids) id;
      insert into orders (id, order_number, customer_id, total_cents, currency, status, payment_received, created_at, updated_at, status_updated_at, version)
        values (p_order, right(p_order, 10), p_user, 100 * array_length(p_ids, 1), 'USD', 'PENDING', 0, p_at, p_at, p_at, 1);
      insert into order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity, options)
        select p_order, line, p.id, p.sku, p.name, p.price_cents, 1, '{}'
        from unnest(p_ids) with ordinality u(id, line) join products p on p.id = u.id;
      update idempotency_keys set response_status = 201, response_body = p_body where user_id = p_user and key = p_key;
      perform pg_advisory_xact_lock(7245001);
      insert into order_events (order_id, type, to_status, actor_id, visibility, at)
        values (p_order, 'created', 'PENDING', p_user, 'customer', p_at) returning id into event_id;
      insert into notifications (id, user_id, order_id, event_id, title, body, created_at)
        values (p_notification, p_user, p_order, event_id, 'Order placed', 'Placed', p_at);
      return event_id;
    end $$`);
  return drivePostgres(pool, seconds, async (n) => {
    const o = orderValues(customers, products, n, 'one-round-trip');
    await query(pool, SQL.user, [o.customer]);
    await query(pool, 'select floor_place(?, ?, ?, ?, ?, ?, ?)', [
      o.customer,
      o.key,
      o.ids,
      o.orderId,
      o.at,
      RESPONSE,
      newId(),
    ]);
  });
}

/**
 * The event-order lock alone: each order only takes the lock and appends its event, one statement
 * and commit each. Every order on PostgreSQL holds this lock from its event's insert to its
 * commit (order-log.repository.ts: readers tail the log by id), so orders commit one after another
 * and this rate bounds the orders per second of any design that keeps it, and 100 connections
 * wait their turn in its queue.
 */
async function postgresEventLock(pool: pg.Pool, customers: string[], seconds: number) {
  const orderId = newId();
  const at = new Date().toISOString();
  await pool.query(
    `insert into orders (id, order_number, customer_id, total_cents, currency, status, payment_received, created_at, updated_at, status_updated_at, version)
     values ($1, 'FLOOR-LOCK', $2, 0, 'USD', 'PENDING', 0, $3, $3, $3, 1)`,
    [orderId, customers[0], at],
  );
  const append = `insert into order_events (order_id, type, to_status, actor_id, visibility, at)
    select ?, 'note', 'PENDING', ?, 'internal', ? from (select pg_advisory_xact_lock(7245001)) locked returning id`;
  return drivePostgres(pool, seconds, async (n) => {
    await query(pool, append, [orderId, customers[n % CUSTOMERS], at]);
  });
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/**
 * Orders per second, and the CPU per order of the process sending the statements (on SQLite,
 * SQLite's own work and the commit's system calls; on PostgreSQL, the driver and its round trips):
 * what the server spends on the database alone, before any HTTP, JSON, JWT, Kysely or code of ours.
 */
export interface Floor {
  /** With the statements one by one, as the server sends them. */
  statements: Rate;
  /** PostgreSQL only: the same writes in one round trip. */
  oneRoundTrip?: Rate;
  /** PostgreSQL only: the event-order lock alone (postgresEventLock). */
  eventLock?: Rate;
}

/** Runs the floor in a process of its own on the server's core. */
export async function measureFloor(dialect: Dialect, seconds: number): Promise<Floor> {
  const child = spawnOnServerCore(['--import', 'tsx', import.meta.filename, dialect, String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`floor exited ${code}`);
  return JSON.parse(out) as Floor;
}

if (import.meta.filename === process.argv[1]) {
  const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
  const seconds = Number(process.argv[3] ?? 10);
  const database = await createBenchDatabase(dialect);
  let floor: Floor;
  try {
    const { customers, products } = await seed(database.url);
    if (dialect === 'sqlite') {
      floor = { statements: sqliteFloor(database.url.slice('file:'.length), customers, products, seconds) };
    } else {
      const pool = new pg.Pool({ connectionString: database.url, max: DEFAULT_POOL_SIZE });
      // Dropping the database ends the pool's connections; that is expected, not a failure.
      pool.on('error', () => {});
      try {
        floor = {
          statements: await postgresStatements(pool, customers, products, seconds),
          oneRoundTrip: await postgresOneRoundTrip(pool, customers, products, seconds),
          eventLock: await postgresEventLock(pool, customers, seconds),
        };
      } finally {
        await pool.end();
      }
    }
  } finally {
    await database.drop();
  }
  const rounded = Object.fromEntries(
    Object.entries(floor).map(([k, v]: [string, Rate]) => [
      k,
      Object.fromEntries(Object.entries(v).map(([name, n]: [string, number]) => [name, Math.round(n)])),
    ]),
  );
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
}
