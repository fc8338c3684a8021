/**
 * The three reads of the growth row, one request at a time over one kept-alive connection per server:
 * warm-up first (not counted), then the median of `count` requests.
 */
import http from 'node:http';
import { api } from '../server.ts';
import { MEASURED_CUSTOMER } from './data.ts';

export const WATCHED_STATUS = 'IN_PROGRESS';
export const READS = ['customerList', 'staffStatusList', 'track'] as const;
export type Read = (typeof READS)[number];
export type Medians = Record<Read, number>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 }); // per host and port

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

/** A server under test: where it listens, the admin's token, the order numbers to track. */
export interface Target {
  url: string;
  adminToken: string;
  trackNumbers: string[];
}

const median = (times: number[]) =>
  Number(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!.toFixed(3));

/**
 * The median of each read on each target, the targets taking turns request by request, so a
 * change in what else the machine runs falls on all of them alike.
 */
export async function measureReads(
  targets: Target[],
  { count, warmUp }: { count: number; warmUp: number },
): Promise<Medians[]> {
  let address = 0;
  const requestsOf = await Promise.all(
    targets.map(async ({ url, adminToken, trackNumbers }) => {
      const { accessToken } = await api<{ accessToken: string }>(
        url,
        'POST',
        '/auth/login',
        null,
        MEASURED_CUSTOMER,
      );
      const expect = async (
        route: string,
        headers: Record<string, string>,
        check: (body: string) => boolean,
      ) => {
        const res = await get(url, route, { ...headers, 'x-forwarded-for': clientAddress(address++) });
        if (res.status !== 200 || !check(res.body)) {
          throw new Error(`GET ${route}: ${res.status} ${res.body.slice(0, 200)}`);
        }
      };
      const items = (body: string) => (JSON.parse(body) as { items: unknown[] }).items.length;
      const customer = { authorization: `Bearer ${accessToken}` };
      const staff = { authorization: `Bearer ${adminToken}` };
      const requests: Record<Read, (n: number) => Promise<void>> = {
        customerList: () => expect('/orders', customer, (body) => items(body) === 20),
        staffStatusList: () =>
          expect(`/orders?status=${WATCHED_STATUS}`, staff, (body) => items(body) === 20),
        track: (n) =>
          expect(`/track/${trackNumbers[n % trackNumbers.length]!}`, {}, (body) =>
            body.includes('"timeline"'),
          ),
      };
      return requests;
    }),
  );
  const results = targets.map(() => ({}) as Medians);
  for (const read of READS) {
    const times = targets.map((): number[] => []);
    for (let n = 0; n < warmUp + count; n++) {
      for (const [t, requests] of requestsOf.entries()) {
        const started = performance.now();
        await requests[read](n);
        if (n >= warmUp) times[t]!.push(performance.now() - started);
      }
    }
    times.forEach((list, t) => (results[t]![read] = median(list)));
  }
  return results;
}
