import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP endpoint on a fixed port that keeps the JSON bodies POSTed to it, for the server to call.
 * It answers `status` (200 unless told otherwise); only the bodies it answered 2xx to are kept.
 * Port 0 takes any free port: `port` in the answer says which.
 */
export async function startReceiver(port: number, { status = 200 }: { status?: number } = {}) {
  const bodies: unknown[] = [];
  let answer = status;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (answer < 300) bodies.push(JSON.parse(body));
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bodies,
    /** What the endpoint answers from now on: a receiver that is down, or fixed. */
    answer: (next: number) => void (answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
