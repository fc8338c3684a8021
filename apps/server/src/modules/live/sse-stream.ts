import type { ServerResponse } from 'node:http';

/**
 * One Server-Sent Events response. Writes never queue without bound: when more than
 * `maxBufferedBytes` wait in the socket for a client that does not read, the stream is dropped
 * (the client resumes later with Last-Event-ID and loses nothing). A replay, which has all its
 * events at once, goes through `send`, which waits for the client to read instead.
 */
export class SseStream {
  #closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly maxBufferedBytes: number,
    private readonly onOverflow: () => void = () => {},
    /** How long `send` waits for a client that reads nothing before dropping it. */
    private readonly stallMs = 30_000,
  ) {
    res.on('close', () => {
      this.#closed = true;
    });
  }

  get closed(): boolean {
    return this.#closed || this.res.destroyed;
  }

  /** Writes raw SSE text; false if the stream is (now) closed. */
  write(text: string): boolean {
    if (this.closed) return false;
    this.res.write(text);
    if (this.res.writableLength > this.maxBufferedBytes) {
      this.#drop();
      return false;
    }
    return true;
  }

  /**
   * Writes, and once a quarter of the limit waits unread, resolves only when the client has read
   * it (or is dropped for reading nothing in `stallMs`): the pace of the client, not of our reads.
   * False if the stream is (now) closed.
   */
  async send(text: string): Promise<boolean> {
    if (!this.write(text)) return false;
    if (this.res.writableLength <= this.maxBufferedBytes / 4) return true;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(stalled);
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve(!this.closed);
      };
      const stalled = setTimeout(() => {
        this.#drop();
        done();
      }, this.stallMs);
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  #drop(): void {
    this.res.destroy();
    this.#closed = true;
    this.onOverflow();
  }

  heartbeat(): void {
    this.write(': ping\n\n');
  }

  end(): void {
    if (this.closed) return;
    this.#closed = true;
    this.res.end();
  }

  onClose(listener: () => void): void {
    this.res.on('close', listener);
  }
}
