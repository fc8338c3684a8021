/** Test helpers for webhooks: a real local receiver, polling, and a receiver's own signature check. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookDelivery, WebhookPayload } from '@igniflo/contract';
import type { TestContext, TestUser } from '../../../test/context.ts';

export interface Received {
  payload: WebhookPayload;
  signature: string;
  body: string;
}

/**
 * A webhook receiver on loopback that answers 500 to its first `failFirst` requests, then 204;
 * with `hang`, it reads each request and never answers; with `hold`, it answers once that settles.
 */
export async function startReceiver({
  failFirst = 0,
  port = 0,
  hang = false,
  hold,
}: { failFirst?: number; port?: number; hang?: boolean; hold?: Promise<void> } = {}) {
  const received: Received[] = [];
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts += 1;
      const attempt = attempts;
      if (hang) return;
      void Promise.resolve(hold).then(() => {
        if (attempt <= failFirst) {
          res.writeHead(500).end('not yet');
          return;
        }
        received.push({
          payload: JSON.parse(body) as WebhookPayload,
          signature: String(req.headers['x-igniflo-signature']),
          body,
        });
        res.writeHead(204).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/hook`,
    port: bound,
    received,
    attempts: () => attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const probe = await startReceiver();
  await probe.close();
  return probe.port;
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What a receiver does: recompute v1 over "<t>.<body>", compare in constant time, refuse old t. */
export function verifySignature(header: string, secret: string, body: string, toleranceSeconds = 300) {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, t = '', v1 = ''] = match;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= toleranceSeconds;
  return fresh && timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(expected, 'hex'));
}

/** The delivery attempts of a webhook over HTTP, oldest first. */
export async function deliveriesOf(ctx: TestContext, admin: TestUser, webhookId: string) {
  const res = await ctx.inject({
    method: 'GET',
    url: `/api/v1/admin/webhooks/${webhookId}/deliveries?limit=100`,
    headers: admin.headers,
  });
  if (res.statusCode !== 200) throw new Error(`deliveries: ${res.statusCode} ${res.body}`);
  return res.json<{ items: WebhookDelivery[] }>().items.reverse();
}

/** Waits for at least `count` recorded attempts and returns them, oldest first. */
export async function waitForDeliveries(
  ctx: TestContext,
  admin: TestUser,
  webhookId: string,
  count: number,
): Promise<WebhookDelivery[]> {
  let attempts: WebhookDelivery[] = [];
  await until(async () => {
    attempts = await deliveriesOf(ctx, admin, webhookId);
    return attempts.length >= count;
  }, `${count} recorded attempts`);
  return attempts;
}
