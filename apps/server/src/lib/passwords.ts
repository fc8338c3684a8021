import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The library's default algorithm is argon2id; the cost is OWASP's recommendation (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * How much lower than the event loop's thread the hashing thread is scheduled (a nice value, Linux).
 * Each hash is tens of milliseconds of CPU. On a busy core the event loop's thread now goes first,
 * so every other request waits less and logins wait more; on an idle core a hash runs at full
 * speed all the same. Measured with `npm run bench -- sqlite login` (docs/performance.md).
 */
export const HASHING_NICENESS = 10;

/**
 * Hashes run one at a time, in one worker thread of their own: several at once took a small
 * machine's cores from the event loop and raised every request's latency. The
 * worker is CommonJS given as text, so it needs no TypeScript loader, and finds the library by the
 * path resolved here.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
try {
  require('node:os').setPriority(0, workerData.niceness); // 0: this thread only, on Linux
} catch {}
parentPort.on('message', ({ id, op, args }) => {
  try {
    const result = op === 'hash' ? argon2.hashSync(...args) : argon2.verifySync(...args);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

function hashingThread(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER, {
    eval: true,
    workerData: {
      argon2: createRequire(import.meta.url).resolve('@node-rs/argon2'),
      niceness: HASHING_NICENESS,
    },
  });
  // Idle, it keeps no process alive; busy, its pending hashes do.
  started.unref();
  started.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref();
    if (error === undefined) call?.resolve(result);
    else call?.reject(new Error(error));
  });
  const fail = (error: Error) => {
    if (worker === started) worker = undefined;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the password hashing thread stopped (${code})`)));
  worker = started;
  return started;
}

function onHashingThread<T>(op: 'hash' | 'verify', args: unknown[]): Promise<T> {
  const thread = hashingThread();
  const id = nextId++;
  thread.ref();
  thread.postMessage({ id, op, args });
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
  });
}

export const hashPassword = (password: string): Promise<string> =>
  onHashingThread<string>('hash', [password, OPTIONS]);

const verifyHash = (hash: string, password: string): Promise<boolean> =>
  onHashingThread<boolean>('verify', [hash, password]).catch(() => false);

let dummyHash: Promise<string> | undefined;

/** Verifies against a dummy hash when there is no user, so timing does not reveal which emails exist. */
export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyHash(await dummyHash, password);
    return false;
  }
  return verifyHash(passwordHash, password);
}
