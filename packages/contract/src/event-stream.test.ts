import { describe, expect, it } from 'vitest';
import { connectEventStream, SseParser } from './event-stream.ts';

describe('SseParser', () => {
  it('parses ids, event names, multi-line data and comments, across arbitrary chunk boundaries', () => {
    const text =
      'retry: 2000\n: connected\n\nid: 7\nevent: order\ndata: {"a":1}\n\n: ping\n\nid: 8\ndata: line one\r\ndata: line two\r\n\r\n';
    for (const size of [1, 2, 3, 5, 8, 13, text.length]) {
      const parser = new SseParser();
      const messages = [];
      for (let i = 0; i < text.length; i += size) messages.push(...parser.push(text.slice(i, i + size)));
      expect(messages, `chunks of ${size}`).toEqual([
        { id: '7', event: 'order', data: '{"a":1}' },
        { id: '8', event: 'message', data: 'line one\nline two' },
      ]);
    }
  });
});

describe('connectEventStream', () => {
  /** A fetch that serves one scripted SSE body per call and records the headers it was given. */
  function scriptedFetch(bodies: string[]) {
    const calls: Record<string, string>[] = [];
    const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
      calls.push({ ...(init?.headers as Record<string, string>) });
      const body = bodies.shift();
      if (body === undefined) return new Response('down', { status: 503 });
      return new Response(new Blob([body]).stream(), {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
      });
    }) as typeof fetch;
    return { calls, fetchImpl };
  }

  it('resumes with Last-Event-ID after the connection drops, and reports reconnecting', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      'id: 5\nevent: order\ndata: {"n":5}\n\nid: 6\nevent: order\ndata: {"n":6}\n\n',
      'id: 7\nevent: order\ndata: {"n":7}\n\n',
    ]);
    const received: string[] = [];
    const states: string[] = [];
    const stream = connectEventStream({
      url: 'http://test/events',
      headers: () => ({ authorization: 'Bearer t' }),
      lastEventId: '4',
      fetch: fetchImpl,
      onMessage: (m) => received.push(m.id ?? ''),
      onStateChange: (s) => states.push(s),
      minDelayMs: 1,
      maxDelayMs: 5,
    });
    for (let i = 0; i < 200 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    stream.close();
    expect(received).toEqual(['5', '6', '7']);
    expect(calls[0]).toMatchObject({ authorization: 'Bearer t', 'last-event-id': '4' });
    expect(calls[1]).toMatchObject({ 'last-event-id': '6' });
    expect(states).toContain('reconnecting');
    expect(stream.lastEventId).toBe('7');
  });

  it('backs off between failed attempts and stops when closed', async () => {
    const { calls, fetchImpl } = scriptedFetch([]);
    const stream = connectEventStream({
      url: 'http://test/events',
      fetch: fetchImpl,
      onMessage: () => {},
      minDelayMs: 20,
      maxDelayMs: 40,
    });
    await new Promise((r) => setTimeout(r, 150));
    stream.close();
    const attempts = calls.length;
    // Delays of 10–20, 20–40, 20–40 ms…: a handful of attempts in 150 ms, not hundreds.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(12);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBe(attempts);
    expect(stream.state).toBe('closed');
  });
});
