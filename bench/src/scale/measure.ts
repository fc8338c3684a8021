/**
 * The three reads of the growth row, one request at a time over one kept-alive connection:
 * warm-up first (not counted), then the median of `count` requests.
 */
import http from 'node:http';
import { api } from '../server.ts';
import { MEASURED_CUSTOMER } from './data.ts';

export const WATCHED_STATUS = 'IN_PROGRESS';
export const READS = ['customerList', 'staffStatusList', 'track'] as const;
export type Read = (typeof READS)[number];
export type Medians = Record<Read, number>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(
  base: string,
  route: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/v1${route}`, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
  });
}

/** A client address of its own per request: tracking is limited to 60 a minute per client. */
const clientAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

async function medianOf(count: number, warmUp: number, request: (n: number) => Promise<void>) {
  for (let n = 0; n < warmUp; n++) await request(n);
  const times: number[] = [];
  for (let n = warmUp; n < warmUp + count; n++) {
    const started = performance.now();
    await request(n);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)]!.toFixed(3));
}

export async function measureReads(
  base: string,
  adminToken: string,
  trackNumbers: string[],
  { count, warmUp }: { count: number; warmUp: number },
): Promise<Medians> {
  const { accessToken } = await api<{ accessToken: string }>(
    base,
    'POST',
    '/auth/login',
    null,
    MEASURED_CUSTOMER,
  );
  let address = 0;
  const expect = async (route: string, headers: Record<string, string>, check: (body: string) => boolean) => {
    const res = await get(base, route, { ...headers, 'x-forwarded-for': clientAddress(address++) });
    if (res.status !== 200 || !check(res.body))
      throw new Error(`GET ${route}: ${res.status} ${res.body.slice(0, 200)}`);
  };
  const items = (body: string) => (JSON.parse(body) as { items: unknown[] }).items.length;
  const customer = { authorization: `Bearer ${accessToken}` };
  const staff = { authorization: `Bearer ${adminToken}` };
  return {
    customerList: await medianOf(count, warmUp, () =>
      expect('/orders', customer, (body) => items(body) === 20),
    ),
    staffStatusList: await medianOf(count, warmUp, () =>
      expect(`/orders?status=${WATCHED_STATUS}`, staff, (body) => items(body) === 20),
    ),
    track: await medianOf(count, warmUp, (n) =>
      expect(`/track/${trackNumbers[n % trackNumbers.length]!}`, {}, (body) => body.includes('"timeline"')),
    ),
  };
}
