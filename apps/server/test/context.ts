/**
 * A fresh, migrated database and app per test file: a temp SQLite file, or a PostgreSQL database
 * created on TEST_DATABASE_URL's server and dropped afterwards. Factories make users and products.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Order, Product, Role } from '@igniflo/contract';
import { ResponseContract } from './response-contract.ts';
import { buildApp, type App, type AppOptions } from '../src/app.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { now, openDatabase, type Database } from '../src/platform/db/database.ts';
import { newId } from '../src/lib/ids.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { insertUser } from '../src/modules/users/users.repository.ts';
import { findProduct } from '../src/modules/products/products.repository.ts';

export type Dialect = 'sqlite' | 'postgres';

const pgAdminUrl = process.env.TEST_DATABASE_URL;

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set (global-setup.ts says so when it is not). */
export const dialects: Dialect[] = pgAdminUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  refreshToken: string;
  headers: { authorization: string };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

export async function createTestContext(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: AppOptions = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-test-'));
  let databaseUrl = `file:${path.join(dir, 'test.db')}`;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (dialect === 'postgres') {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  const config: Readonly<Config> = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    UPLOAD_DIR: path.join(dir, 'uploads'),
    RATE_LIMIT_MAX: '1000000',
    AUTH_RATE_LIMIT_MAX: '1000000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });

  const contract = new ResponseContract(() => app.server.swagger());
  options = { ...options, observeResponse: contract.observe };
  let app: App = await buildApp(config, options);
  let counter = 0;

  const ctx = {
    dialect,
    config,
    get app() {
      return app;
    },
    get db() {
      return app.database.db;
    },

    inject(options: InjectOptions): Promise<LightMyRequestResponse> {
      return app.server.inject(options);
    },

    /** A user of `role` with a live session; created directly, without the rate-limited HTTP route. */
    async newUser(
      role: Role = 'CUSTOMER',
      fields: { email?: string; name?: string } = {},
    ): Promise<TestUser> {
      passwordHash ??= hashPassword(PASSWORD);
      const at = now();
      counter += 1;
      const row = await insertUser(app.database.db, {
        id: newId(),
        email: fields.email ?? `${role.toLowerCase()}-${counter}-${newId().slice(-8)}@example.test`,
        phone: null,
        name: fields.name ?? `${role} ${counter}`,
        role,
        active: 1,
        password_hash: await passwordHash,
        created_at: at,
        updated_at: at,
        last_login_at: null,
      });
      const session = await app.services.auth.startSession(row);
      return {
        id: row.id,
        email: row.email ?? '',
        role,
        token: session.accessToken,
        refreshToken: session.refreshToken,
        headers: { authorization: `Bearer ${session.accessToken}` },
      };
    },

    async newProduct(
      fields: { stock?: number; priceCents?: number; name?: string; currency?: string } = {},
    ): Promise<Product> {
      counter += 1;
      return app.services.products.create(
        {
          sku: `SKU-${counter}-${newId().slice(-6)}`,
          name: fields.name ?? `Product ${counter}`,
          priceCents: fields.priceCents ?? 1000,
          stock: fields.stock ?? 10,
          currency: fields.currency ?? 'USD',
        },
        null,
      );
    },

    /** Places an order over HTTP and returns it; fails the test on anything but 201. */
    async placeOrder(customer: TestUser, items: { productId: string; quantity: number }[]): Promise<Order> {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { items },
      });
      if (res.statusCode !== 201) throw new Error(`placeOrder: ${res.statusCode} ${res.body}`);
      return res.json<Order>();
    },

    /** Drives an order through the workflow as `actor` and fails on any refusal. */
    async moveOrder(actor: TestUser, orderId: string, ...statuses: string[]): Promise<Order> {
      let order: Order | undefined;
      for (const status of statuses) {
        const res = await app.server.inject({
          method: 'PATCH',
          url: `/api/v1/orders/${orderId}/status`,
          headers: actor.headers,
          payload: { status },
        });
        if (res.statusCode !== 200) throw new Error(`moveOrder to ${status}: ${res.statusCode} ${res.body}`);
        order = res.json<Order>();
      }
      if (!order) throw new Error('moveOrder needs at least one status');
      return order;
    },

    async stockOf(productId: string): Promise<{ stock: number; ledger: number }> {
      const product = await findProduct(app.database.db, productId);
      if (!product) throw new Error(`no product ${productId}`);
      return { stock: product.stock, ledger: await app.services.inventory.ledgerTotal(productId) };
    },

    /** The text of each statement the app sends from now on, until the returned function is called (PostgreSQL). */
    traceStatements(listener: (text: string) => void): () => void {
      return app.database.traceStatements(listener);
    },

    /** Closes the app and opens it again on the same database, as a process restart would. */
    async restart(): Promise<void> {
      await app.server.close();
      app = await buildApp(config, options);
    },

    /** Listens on a free loopback port, for tests that need real sockets (streams); returns the base URL. */
    async listen(): Promise<string> {
      return app.server.listen({ port: 0, host: '127.0.0.1' });
    },

    /** Closes and removes everything; fails if any response left the OpenAPI document. */
    async close(): Promise<void> {
      await app.server.close();
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
      contract.assertKept();
    },
  };
  return ctx;
}

/** A fresh PostgreSQL database on TEST_DATABASE_URL's server, and how to drop it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!pgAdminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `igniflo_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** An empty database of the dialect, not migrated, and what removes it after the test. */
export async function openEmptyDatabase(
  dialect: Dialect,
): Promise<{ database: Database; remove: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-db-'));
  const pg = dialect === 'postgres' ? await createPgDatabase() : undefined;
  const database = openDatabase(
    pg
      ? { dialect: 'postgres', url: pg.url }
      : { dialect: 'sqlite', file: path.join(dir, 'db.sqlite'), synchronous: 'FULL' },
  );
  return {
    database,
    remove: async () => {
      await database.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
