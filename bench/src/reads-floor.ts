/**
 * A bound for (4) `GET /orders`: the request's essential work in a bare Fastify process on the
 * server's core — the bearer token verified by fast-jwt (cached, as the server does), the account
 * check and the page's ids and versions as prepared SQLite statements, the page joined from 20
 * rendered orders held as buffers — then the same with the server's own plugins added (security
 * headers, CORS and rate limit; metrics; the validators and the query's schema; a logger at `warn`).
 * Both read a benchmark server's SQLite file after that server's own `GET /orders` is measured, and
 * are driven alike: 100 connections, 20 customers with 20 orders each, 8 s. The gap between the bare
 * figure and the server's says what the server's own request path costs.
 *
 *   npx tsx bench/src/reads-floor.ts [seconds=8]
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { createVerifier } from 'fast-jwt';
import { OrdersQuery } from '@igniflo/contract';
import { metricsPlugin } from '../../apps/server/src/platform/http/metrics.ts';
import { securityPlugin } from '../../apps/server/src/platform/http/security.ts';
import { SchemaCompilers } from '../../apps/server/src/platform/http/schema-compilers.ts';
import { installValidators } from '../../apps/server/src/platform/http/validation.ts';
import { countCpu } from './cpu.ts';
import { api, BENCH_JWT_SECRET, pinToLoadCore, spawnOnServerCore, startServer } from './server.ts';

const PORT_BARE = 39_871;

async function serve(file: string, withPlugins: boolean): Promise<void> {
  const db = new SQLite(file);
  const account = db.prepare('select "role", "active" from "users" where "id" = ?').raw(true);
  const versions = db
    .prepare('select "id", "version" from "orders" where "customer_id" = ? order by "id" desc limit ?')
    .raw(true);
  const verify = createVerifier({ key: BENCH_JWT_SECRET, algorithms: ['HS256'], cache: 10_000 });
  const rendered = new Map<string, Buffer>();
  for (const [id] of db.prepare('select id from orders').raw(true).all() as string[][]) {
    rendered.set(id!, Buffer.alloc(740, 'x')); // about an order's JSON
  }
  const app = Fastify(withPlugins ? { logger: { level: 'warn' }, genReqId: () => randomUUID() } : {});
  if (withPlugins) {
    installValidators(app, new SchemaCompilers());
    await app.register(securityPlugin, { corsOrigin: false, rateLimitMax: 10_000_000, redisUrl: null });
    await app.register(metricsPlugin, { token: null, production: false, statements: () => 0 });
  }
  const START = Buffer.from('{"items":[');
  const COMMA = Buffer.from(',');
  app.get('/api/v1/orders', withPlugins ? { schema: { querystring: OrdersQuery } } : {}, (request, reply) => {
    const claims = verify(request.headers.authorization?.split(' ')[1] ?? '') as { sub: string };
    const found = account.get(claims.sub) as [string, number] | undefined;
    if (!found?.[1]) return reply.status(401).send({});
    const parts: Buffer[] = [START];
    for (const [id] of (versions.all(claims.sub, 21) as string[][]).slice(0, 20)) {
      if (parts.length > 1) parts.push(COMMA);
      parts.push(rendered.get(id!)!);
    }
    parts.push(Buffer.from('],"nextCursor":null}'));
    return reply.type('application/json; charset=utf-8').send(Buffer.concat(parts));
  });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: PORT_BARE, host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

async function main(seconds: number): Promise<void> {
  pinToLoadCore();
  const server = await startServer('sqlite');
  try {
    const admin = await server.adminToken();
    const product = await api<{ id: string }>(server.url, 'POST', '/products', admin, {
      sku: 'R-1',
      name: 'Reads',
      priceCents: 100,
      stock: 1_000_000,
    });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const session = await api<{ accessToken: string }>(server.url, 'POST', '/auth/register', null, {
        email: `r${i}@bench.test`,
        password: 'bench-password',
        name: `R${i}`,
      });
      tokens.push(session.accessToken);
      for (let j = 0; j < 20; j++) {
        await api(server.url, 'POST', '/orders', session.accessToken, {
          items: [{ productId: product.id, quantity: 1 }],
        });
      }
    }
    const load = async (pid: number, url: string) => {
      let next = 0;
      const cpu = countCpu(pid, false);
      const r = await autocannon({
        url,
        connections: 100,
        duration: seconds,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { authorization: `Bearer ${tokens[next++ % tokens.length]}` },
            }),
          },
        ],
      });
      const { serverUsPerRequest } = cpu(r.requests.total);
      return { rps: Math.round(r.requests.average), serverUsPerRequest, non2xx: r.non2xx };
    };
    const figures: Record<string, unknown> = {
      ceiling: await load(server.pid, `${server.url}/healthz`),
    };
    await load(server.pid, `${server.url}/api/v1/orders?limit=20`); // warm-up, as for the bare ones
    figures.server = await load(server.pid, `${server.url}/api/v1/orders?limit=20`);
    if (server.database.dialect !== 'sqlite') throw new Error('unreachable');
    for (const [name, withPlugins] of [
      ['bare', false],
      ['bareWithPlugins', true],
    ] as const) {
      const child = spawnOnServerCore(
        ['--import', 'tsx', import.meta.filename, 'serve', server.database.file, String(withPlugins)],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise((resolve) => child.stdout?.once('data', resolve));
      try {
        const url = `http://127.0.0.1:${PORT_BARE}/api/v1/orders?limit=20`;
        await load(child.pid ?? 0, url); // warm-up
        figures[name] = await load(child.pid ?? 0, url);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    const ceiling = (figures.ceiling as { rps: number }).rps;
    for (const value of Object.values(figures)) {
      const r = value as { rps: number };
      Object.assign(r, { ratioToCeiling: Number((r.rps / ceiling).toFixed(3)) });
    }
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3] ?? '', process.argv[4] === 'true');
else await main(Number(process.argv[2] ?? 8));
