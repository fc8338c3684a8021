import { createServer } from 'node:http';

/** An HTTP endpoint on a fixed port that keeps the JSON bodies POSTed to it, for the server to call. */
export async function startReceiver(port: number) {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
