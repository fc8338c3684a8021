/**
 * A Server-Sent Events client over fetch, for the browser and Node: it can send an Authorization
 * header (EventSource cannot), resumes with Last-Event-ID after every reconnect, and reconnects
 * with exponential backoff and jitter.
 */

export interface StreamMessage {
  id: string | null;
  event: string;
  data: string;
}

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Incremental parser of the text/event-stream format (WHATWG HTML §9.2). */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | null = null;

  push(chunk: string): StreamMessage[] {
    this.#buffer += chunk;
    const messages: StreamMessage[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the very end might be the first half of \r\n: wait for more.
      if (width === 1 && this.#buffer[newline] === '\r' && newline === this.#buffer.length - 1) break;
      this.#buffer = this.#buffer.slice(newline + width);
      if (line === '') {
        if (this.#data.length > 0)
          messages.push({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
        this.#data = [];
        this.#event = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') this.#data.push(value);
      else if (field === 'event') this.#event = value;
      else if (field === 'id' && !value.includes('\0')) this.#id = value;
    }
    return messages;
  }
}

export interface EventStreamOptions {
  url: string;
  /** Called before every (re)connect, so a refreshed access token is used. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Resume after this event id on the first connect. */
  lastEventId?: string | null;
  onMessage: (message: StreamMessage) => void;
  onStateChange?: (state: StreamState) => void;
  /** On 401: refresh credentials and return true to retry, false to give up. */
  onUnauthorized?: () => Promise<boolean>;
  fetch?: typeof fetch;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface EventStream {
  close(): void;
  readonly lastEventId: string | null;
  readonly state: StreamState;
}

export function connectEventStream(options: EventStreamOptions): EventStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let lastEventId = options.lastEventId ?? null;
  let state: StreamState = 'connecting';
  let closed = false;
  let failures = 0;
  let controller: AbortController | null = null;
  let wakeSleep: (() => void) | null = null;

  const setState = (next: StreamState) => {
    if (state === next) return;
    state = next;
    options.onStateChange?.(next);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const backoff = () => {
    failures += 1;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** (failures - 1));
    return sleep(ceiling / 2 + Math.random() * (ceiling / 2));
  };

  async function run() {
    options.onStateChange?.(state);
    while (!closed) {
      controller = new AbortController();
      try {
        const headers: Record<string, string> = {
          accept: 'text/event-stream',
          ...(await options.headers?.()),
        };
        if (lastEventId !== null) headers['last-event-id'] = lastEventId;
        const response = await doFetch(options.url, {
          headers,
          signal: controller.signal,
          cache: 'no-store',
        });
        if (response.status === 401 && options.onUnauthorized) {
          if (!(await options.onUnauthorized())) break;
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        setState('open');
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) {
            failures = 0;
            if (message.id !== null) lastEventId = message.id;
            options.onMessage(message);
          }
        }
      } catch {
        // A network error, an abort or a refused connection: all end in a reconnect below.
      }
      if (closed) break;
      setState('reconnecting');
      await backoff();
    }
    setState('closed');
  }

  void run();
  return {
    close() {
      closed = true;
      controller?.abort();
      wakeSleep?.();
    },
    get lastEventId() {
      return lastEventId;
    },
    get state() {
      return state;
    },
  };
}
