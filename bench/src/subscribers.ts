/**
 * Load process: opens N Server-Sent Events streams and reports, for each event, when each stream
 * received it (wall clock, ms). Runs apart from the server so the two do not share an event loop.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [url = '', countText = '1000', token = ''] = process.argv.slice(2);
const count = Number(countText);
const wallNow = () => performance.timeOrigin + performance.now();
const receipts = new Map<string, number[]>();
let open = 0;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function openStream(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { agent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          if (buffer === '' && chunk.startsWith('retry:')) {
            open += 1;
            resolve();
          }
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(frame)?.[1];
            if (id) {
              const list = receipts.get(id) ?? [];
              list.push(wallNow());
              receipts.set(id, list);
            }
          }
        });
      },
    );
    req.on('error', reject);
  });
}

for (let i = 0; i < count; i += 200) {
  await Promise.all(Array.from({ length: Math.min(200, count - i) }, openStream));
}
process.send?.({ type: 'ready', open });
process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    process.send?.({ type: 'receipts', receipts: Object.fromEntries(receipts) });
  }
  if (message.type === 'exit') process.exit(0);
});
