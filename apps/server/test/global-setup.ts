/**
 * Runs once per Vitest run, before any test file: says which suites this environment skips. Test
 * files each run in a process of their own, so a notice printed by a shared module would repeat
 * once per file.
 */
export default function announceSkippedSuites(): void {
  if (!process.env.TEST_DATABASE_URL) {
    process.stderr.write('[igniflo tests] TEST_DATABASE_URL is not set: PostgreSQL suites are skipped\n');
  }
  if (!process.env.TEST_REDIS_URL) {
    process.stderr.write(
      '[igniflo tests] TEST_REDIS_URL is not set: the shared rate-limit test is skipped\n',
    );
  }
}
