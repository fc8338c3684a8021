import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASHING_NICENESS, hashPassword, verifyPassword } from './passwords.ts';

/** The nice value of each of this process's threads, from /proc (Linux). */
const threadNiceness = () =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

describe('password hashing', () => {
  it('verifies the right password only, and refuses a malformed hash', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'correct horse')).toBe(false);
    expect(await verifyPassword(null, 'correct horse')).toBe(false);
  });

  it('answers each of several hashes asked for at once', async () => {
    const hashes = await Promise.all(Array.from({ length: 4 }, (_, i) => hashPassword(`password ${i}`)));
    expect(new Set(hashes).size).toBe(4);
    expect(await Promise.all(hashes.map((h, i) => verifyPassword(h, `password ${i}`)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  // Scheduling priority is per thread on Linux, where this server runs in production and in CI.
  it.runIf(process.platform === 'linux')('hashes on a thread below the event loop’s priority', async () => {
    await hashPassword('any');
    expect(threadNiceness()[0]).toBe(0);
    expect(threadNiceness()).toContain(HASHING_NICENESS);
  });
});
