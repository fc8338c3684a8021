/**
 * Load process: opens N Server-Sent Events streams and reports, for each event, when each stream
 * received it (wall clock, ms). Runs apart from the server so the two do not share an event loop.
 * Plain sockets with a minimal reader keep this process's own cost per delivery small: with 10,000
 * streams an HTTP client library's per-chunk work would be most of what is measured.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

// The tokens, comma-separated, are used in turn: the server allows each user a few open streams.
const [url = '', countText = '1000', tokenList = ''] = process.argv.slice(2);
const count = Number(countText);
const target = new URL(url);
const tokens = tokenList.split(',');
const requestOf = (i: number) =>
  `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n` +
  `Authorization: Bearer ${tokens[i % tokens.length]}\r\nAccept: text/event-stream\r\n\r\n`;
const wallNow = () => performance.timeOrigin + performance.now();
const receipts = new Map<string, number[]>();
let open = 0;

/** Event ids in `text` (SSE lines "id: N"), whatever else (headers, chunk sizes) surrounds them. */
function* eventIds(text: string): Generator<string> {
  for (let at = text.indexOf('id: '); at !== -1; at = text.indexOf('id: ', at + 4)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const end = text.indexOf('\n', at);
    if (end !== -1) yield text.slice(at + 4, end);
  }
}

function openStream(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let ready = false;
    // What may hold the start of a line cut by a chunk boundary.
    let tail = '';
    socket.on('connect', () => socket.write(requestOf(i)));
    socket.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      if (!ready) {
        if (!text.startsWith('HTTP/1.1 200')) {
          socket.destroy();
          return reject(new Error(`stream answered ${text.slice(0, 12)}`));
        }
        if (text.includes('retry:')) {
          ready = true;
          open += 1;
          resolve();
        }
      }
      const at = wallNow();
      for (const id of eventIds(text)) {
        const list = receipts.get(id);
        if (list) list.push(at);
        else receipts.set(id, [at]);
      }
      const lastBreak = text.lastIndexOf('\n');
      tail = text.slice(lastBreak + 1);
    });
    socket.on('error', reject);
  });
}

for (let i = 0; i < count; i += 200) {
  await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => openStream(i + j)));
}
process.send?.({ type: 'ready', open });
process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    process.send?.({ type: 'receipts', receipts: Object.fromEntries(receipts) });
  }
  if (message.type === 'exit') process.exit(0);
});
