import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `work` on a timer and whenever woken, never twice at once: a wake-up during a run makes one
 * more run after it. A failed run is logged and the next tick tries again. The outboxes (webhooks,
 * messages) are drained this way.
 */
export class BackgroundLoop {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #starting = false;
  #closed = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly options: { tickMs: number; log: FastifyBaseLogger; what: string },
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.options.tickMs).unref();
    this.wake();
  }

  /** Stops the timer and waits for a run under way. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  /**
   * Runs the work soon. The wake-ups sent in one go (the events of a commit) make one run: it
   * starts once the code that sent them has finished.
   */
  wake(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#starting) return;
    this.#starting = true;
    queueMicrotask(() => {
      this.#starting = false;
      if (!this.#closed && !this.#running) this.#run();
    });
  }

  #run(): void {
    this.#running = this.work()
      .catch((error: unknown) =>
        this.options.log.warn({ err: error }, `${this.options.what} failed; will retry`),
      )
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }
}

/**
 * Waits for every one of a run's concurrent parts, then fails with the first failure, if any: a
 * run (and so `close()`) never ends while a part of it is still writing.
 */
export async function allToTheEnd(parts: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(parts)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
