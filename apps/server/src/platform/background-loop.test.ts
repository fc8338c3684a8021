import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { allToTheEnd, BackgroundLoop } from './background-loop.ts';

// Fastify's logger when logging is off.
const { log } = Fastify({ logger: false });

describe('BackgroundLoop', () => {
  it('makes one run of the wake-ups sent in one go, and one more of those sent while it runs', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const loop = new BackgroundLoop(
      async () => {
        runs += 1;
        await new Promise<void>((resolve) => (release = resolve));
      },
      { tickMs: 60_000, log, what: 'test' },
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 30; i++) loop.wake();
    await settle();
    expect(runs).toBe(1);
    release();
    await settle();
    // The 29 other wake-ups came before the run started: nothing new to read after it.
    expect(runs).toBe(1);
    loop.wake();
    await settle();
    for (let i = 0; i < 30; i++) loop.wake();
    release();
    await settle();
    expect(runs).toBe(3);
    release();
    await loop.close();
    expect(runs).toBe(3);
  });

  it('does not start a run woken just before it closes', async () => {
    let runs = 0;
    const loop = new BackgroundLoop(
      async () => {
        runs += 1;
      },
      { tickMs: 60_000, log, what: 'test' },
    );
    loop.wake();
    await loop.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(0);
  });
});

describe('allToTheEnd', () => {
  it('fails with the first failure only once every part has finished', async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        slowDone = true;
        resolve();
      }, 50),
    );
    const failing = Promise.reject(new Error('one part failed'));
    await expect(allToTheEnd([failing, slow])).rejects.toThrow('one part failed');
    expect(slowDone).toBe(true);
  });
});
