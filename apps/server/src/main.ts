/** Reads config, builds the app, seeds on first start, listens, and shuts down gracefully on SIGTERM/SIGINT. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { ensureAdmin, seedDemo } from './modules/seed/demo-seed.ts';

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = loadConfig();
  const { server, database, services } = await buildApp(config);
  for (const warning of config.warnings) server.log.warn(warning);

  // Demo data first: it only seeds a database without users, and the configured admin is one.
  if (config.seedDemo) {
    const accounts = await seedDemo(database.db, services);
    if (accounts.length > 0 && config.env === 'production') {
      server.log.warn('demo accounts created; their passwords are not shown in production');
    } else if (accounts.length > 0) {
      // Printed once, to the terminal rather than the log, on the first start of an empty database.
      process.stdout.write(
        `\nDemo accounts (shown only this once):\n${accounts
          .map((a) => `  ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`)
          .join('\n')}\n\n`,
      );
    }
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
  server.log.info(`Igniflo on ${config.database.dialect}: API at /api/v1, docs at /docs`);
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
