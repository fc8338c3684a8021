import { test as base } from '@playwright/test';
import { e2eServer, type E2eServer } from './servers.ts';

export { expect } from '@playwright/test';

/** The tests' `test`: each worker talks to its own server (servers.ts), picked by its parallel index. */
export const test = base.extend<object, { server: E2eServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  server: [async ({}, use, workerInfo) => use(e2eServer(workerInfo.parallelIndex)), { scope: 'worker' }],
  baseURL: async ({ server }, use) => use(server.url),
});
