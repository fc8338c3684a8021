/**
 * Reads config, builds the app, seeds on first start, listens, prints where to open it, and shuts
 * down gracefully on SIGTERM/SIGINT.
 */
import { buildApp, type Services } from './app.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { ensureAdmin, existingDemoAccounts, resetDemoPasswords, seedDemo } from './modules/seed/demo-seed.ts';
import {
  describeChannels,
  describeDatabase,
  openUrl,
  startBanner,
  type DemoAtStart,
} from './start-banner.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/** Seeds an empty database, or gives the demo accounts new passwords when asked, or finds them. */
async function demoAtStart(config: Readonly<Config>, db: Db, services: Services): Promise<DemoAtStart> {
  if (config.seedDemo) {
    const accounts = await seedDemo(db, services);
    if (accounts.length > 0) return { kind: 'created', accounts };
  }
  if (config.resetDemoPasswords)
    return { kind: 'reset', accounts: await resetDemoPasswords(db, services.users) };
  const existing = await existingDemoAccounts(db);
  return existing.length > 0 ? { kind: 'existing', emails: existing.map((a) => a.email) } : { kind: 'none' };
}

async function main() {
  const config = loadConfig();
  const { server, database, services } = await buildApp(config);
  for (const warning of config.warnings) server.log.warn(warning);

  // Demo data first: it only seeds a database without users, and the configured admin is one.
  const demo = await demoAtStart(config, database.db, services);
  if (demo.kind === 'created' && config.env === 'production') {
    server.log.warn('demo accounts created; their passwords are not shown in production');
  }

  if (config.admin && (await ensureAdmin(database.db, services.auth, config.admin))) {
    server.log.info({ email: config.admin.email }, 'created the admin account from ADMIN_EMAIL');
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      server.log.error('graceful shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await server.listen({ port: config.port, host: config.host });
  const address = server.server.address();
  const url = openUrl(config.host, typeof address === 'object' && address ? address.port : config.port);
  const facts = { url, database: describeDatabase(config.database), messages: describeChannels(config) };
  if (config.env === 'production') {
    server.log.info(facts, `Igniflo is running at ${url}`);
  } else {
    // To the terminal rather than through the log: it is for the person who started the server,
    // and the demo passwords it may hold are printed this once and kept out of log collectors.
    process.stdout.write(startBanner({ ...facts, demo }));
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
