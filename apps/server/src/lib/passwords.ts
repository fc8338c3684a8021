import { hash, verify } from '@node-rs/argon2';

// The library's default algorithm is argon2id; the cost is OWASP's recommendation (19 MiB, 2 passes).
// It runs on libuv's thread pool, off the event loop.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes run one at a time. Each is tens of milliseconds of CPU: several at once take a small
 * machine's cores from the event loop, and every other request waits. One at a time, logins beside
 * order placement kept the event-loop delay p99 at 18-31 ms instead of 64-250 ms, at about 40
 * instead of 60 logins/s (npm run bench -- sqlite login, and postgres).
 */
let running = false;
const waiting: (() => void)[] = [];
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  while (running) await new Promise<void>((resolve) => waiting.push(resolve));
  running = true;
  try {
    return await work();
  } finally {
    running = false;
    waiting.shift()?.();
  }
}

export const hashPassword = (password: string): Promise<string> => oneAtATime(() => hash(password, OPTIONS));

let dummyHash: Promise<string> | undefined;

/** Verifies against a dummy hash when there is no user, so timing does not reveal which emails exist. */
export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password');
    const dummy = await dummyHash;
    await oneAtATime(() => verify(dummy, password).catch(() => false));
    return false;
  }
  return oneAtATime(() => verify(passwordHash, password).catch(() => false));
}
