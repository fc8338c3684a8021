import type { ServerResponse } from 'node:http';

/**
 * One Server-Sent Events response. Writes never queue without bound: when more than
 * `maxBufferedBytes` wait in the socket for a client that does not read, the stream is dropped
 * (the client resumes later with Last-Event-ID and loses nothing).
 */
export class SseStream {
  #closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly maxBufferedBytes: number,
    private readonly onOverflow: () => void = () => {},
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
      this.res.destroy();
      this.#closed = true;
      this.onOverflow();
      return false;
    }
    return true;
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
