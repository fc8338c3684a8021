/** Test helpers for webhooks: a real local receiver, polling, and a receiver's own signature check. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookDelivery, WebhookPayload } from '@igniflo/contract';
import type { Resolve } from './webhook-target.ts';
import type { WebhookDeliveryRow } from './webhooks.table.ts';
import type { TestContext, TestUser } from '../../../test/context.ts';

export interface Received {
  payload: WebhookPayload;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A webhook receiver on loopback that answers 500 to its first `failFirst` requests (all of them
 * with Infinity) until `fix()` is called, then 204; with `hang`, it reads each request and never
 * answers; with `hold`, it answers once that settles.
 */
export async function startReceiver({
  failFirst = 0,
  port = 0,
  hang = false,
  hold,
  dropReused = false,
}: {
  failFirst?: number;
  port?: number;
  hang?: boolean;
  hold?: Promise<void>;
  /** Closes a kept-alive connection, unanswered, when a second request arrives on it. */
  dropReused?: boolean;
} = {}) {
  const received: Received[] = [];
  let attempts = 0;
  let fixed = false;
  const served = new WeakSet<object>();
  const server: Server = createServer((req, res) => {
    if (dropReused && served.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    served.add(req.socket);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts += 1;
      const attempt = attempts;
      if (hang) return;
      void Promise.resolve(hold).then(() => {
        if (!fixed && attempt <= failFirst) {
          res.writeHead(500).end('not yet');
          return;
        }
        received.push({
          payload: JSON.parse(body) as WebhookPayload,
          signature: String(req.headers['x-igniflo-signature']),
          body,
          headers: req.headers,
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
    fix: () => void (fixed = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A resolver for which no name exists: deliveries to names fail at once, and never leave the machine. */
export const noNames = ((hostname: string, _options: object, callback: (...args: unknown[]) => void) =>
  callback(
    Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
    [],
  )) as unknown as Resolve;

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

/** An attempt as the repository records it: a successful ping unless told otherwise. */
export const deliveryRow = (
  webhookId: string,
  fields: Partial<Omit<WebhookDeliveryRow, 'id' | 'webhook_id'>> = {},
): Omit<WebhookDeliveryRow, 'id'> => ({
  webhook_id: webhookId,
  kind: 'ping',
  event_id: null,
  event_type: null,
  redelivery_of: null,
  delivery_uid: null,
  attempt: 1,
  succeeded: 1,
  response_status: 204,
  error: null,
  duration_ms: 3,
  at: new Date().toISOString(),
  ...fields,
});
