import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'apps/web/src/**/*.test.{ts,tsx}',
      'apps/web/build/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
    ],
    // Once per run, not once per file: which suites this environment skips.
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    // Two files at a time even on two cores: most of a test's time is spent waiting on PostgreSQL,
    // sockets and timers, not on the CPU.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
