/**
 * One server per Playwright worker, each on its own SQLite file, so workers never share a database
 * or a port: server i listens on E2E_PORT + 10·i, and the SMS gateway and mail server it calls
 * (which the tests start when they read texts or mail) on the two ports after it.
 */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' };
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);
const BASE_PORT = Number(process.env.E2E_PORT ?? 3199);

export type E2eServer = ReturnType<typeof e2eServer>;

export function e2eServer(index: number) {
  if (!Number.isInteger(index) || index < 0 || index >= E2E_WORKERS)
    throw new Error(`No e2e server ${index}: there are ${E2E_WORKERS} (set E2E_WORKERS, not --workers)`);
  const port = BASE_PORT + 10 * index;
  return { port, url: `http://127.0.0.1:${port}`, smsPort: port + 1, smtpPort: port + 2 };
}
