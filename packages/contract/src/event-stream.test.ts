import { describe, expect, it } from 'vitest';
import { SseParser } from './event-stream.ts';

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
