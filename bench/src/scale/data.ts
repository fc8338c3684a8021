/**
 * The rows of a grown shop, made deterministically so both databases get the same data: orders
 * one minute apart (UUIDv7 ids from their creation time, so newer orders sort last, as the app's
 * ids do), 1–3 lines each, statuses spread over the whole status set with the history events that
 * lead to each, one package (with its lines and a carrier event) for every order that has left,
 * and one customer for every ten orders (at least 10,000). One customer, the measured one, has 20
 * orders among the first 10,000.
 */
import { ORDER_NUMBER_ALPHABET, type OrderStatus } from '@igniflo/contract';

const ALPHABET = ORDER_NUMBER_ALPHABET;
export const BASE_ORDERS = 10_000;
export const PRODUCTS = 200;
export const MEASURED_ORDERS = 20;
export const MEASURED_CUSTOMER = { email: 'measured@scale.test', password: 'scale-bench-password' };

/** Rows of one table: its column names and the rows as arrays in that order. */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

export const customersFor = (orders: number) => Math.max(BASE_ORDERS, Math.floor(orders / 10));

/** Statuses with their share of orders, most of an old shop's orders done with. */
const STATUS_SHARES: [OrderStatus, number][] = [
  ['PENDING', 5],
  ['CONFIRMED', 5],
  ['IN_PROGRESS', 5],
  ['PARTIALLY_SHIPPED', 1],
  ['SHIPPED', 5],
  ['DELIVERED', 30],
  ['COMPLETED', 40],
  ['ON_HOLD', 1],
  ['CANCELLED', 8],
];
const STATUS_OF_PERCENT = STATUS_SHARES.flatMap(([status, share]) => Array<OrderStatus>(share).fill(status));

/** The statuses an order went through to reach `status`, from PENDING. */
const PATHS: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ['PENDING'],
  CONFIRMED: ['PENDING', 'CONFIRMED'],
  IN_PROGRESS: ['PENDING', 'CONFIRMED', 'IN_PROGRESS'],
  PARTIALLY_SHIPPED: ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'PARTIALLY_SHIPPED'],
  SHIPPED: ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED'],
  DELIVERED: ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED'],
  COMPLETED: ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED', 'COMPLETED'],
  ON_HOLD: ['PENDING', 'CONFIRMED', 'ON_HOLD'],
  CANCELLED: ['PENDING', 'CANCELLED'],
};
const LEFT: ReadonlySet<OrderStatus> = new Set(['PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED']);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A PRNG seeded per order (mulberry32, in 32-bit integers), so any range of orders can be made on its own. */
function random(seed: number) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/** A UUIDv7 of time `ms` whose random part holds `kind` and `n`: unique, and sorted by time. */
export function idAt(ms: number, kind: number, n: number): string {
  const t = hex(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(kind, 3)}-8${hex(Math.floor(n / 2 ** 48) % 4096, 3)}-${hex(n % 2 ** 48, 12)}`;
}

/** The i-th order's number: i scrambled by an odd multiplier mod 32^10, so unique and random-looking. */
export function orderNumber(i: number): string {
  let n = (BigInt(i) * 7_919_370_149n + 12_345n) % 32n ** 10n;
  let text = '';
  for (let d = 0; d < 10; d++, n /= 32n) text += ALPHABET[Number(n % 32n)];
  return text;
}

/** Where the data's clock starts: `total` orders a minute apart end about now. */
export const startMs = (total: number) => Date.UTC(2026, 0, 1) - total * MINUTE;

export const customerId = (j: number, start: number) => idAt(start - 1000 * HOUR + j, 1, j);
export const productId = (p: number, start: number) => idAt(start - 2000 * HOUR + p, 2, p);
const isMeasured = (i: number) => i < BASE_ORDERS && i % (BASE_ORDERS / MEASURED_ORDERS) === 7;

export function customerRows(from: number, to: number, start: number, measuredHash: string): TableRows {
  const at = new Date(start - 1000 * HOUR).toISOString();
  const rows: unknown[][] = [];
  for (let j = from; j < to; j++) {
    const measured = j === 0;
    rows.push([
      customerId(j, start),
      measured ? MEASURED_CUSTOMER.email : `customer-${j}@scale.test`,
      measured ? 'Measured Customer' : `Customer ${j}`,
      'CUSTOMER',
      1,
      measured ? measuredHash : null,
      at,
      at,
    ]);
  }
  return {
    table: 'users',
    columns: ['id', 'email', 'name', 'role', 'active', 'password_hash', 'created_at', 'updated_at'],
    rows,
  };
}

export function productRows(start: number): TableRows {
  const at = new Date(start - 2000 * HOUR).toISOString();
  const rows = Array.from({ length: PRODUCTS }, (_, p) => [
    productId(p, start),
    `SKU-${String(p).padStart(5, '0')}`,
    `Product ${p}`,
    500 + p * 25,
    'USD',
    1_000_000,
    1,
    at,
    at,
  ]);
  return {
    table: 'products',
    columns: ['id', 'sku', 'name', 'price_cents', 'currency', 'stock', 'active', 'created_at', 'updated_at'],
    rows,
  };
}

/** Orders [from, to) with everything the reads touch, as rows of six tables (parents first). */
export function orderRows(from: number, to: number, customers: number, start: number): TableRows[] {
  const orders: unknown[][] = [];
  const items: unknown[][] = [];
  const events: unknown[][] = [];
  const shipments: unknown[][] = [];
  const shipmentItems: unknown[][] = [];
  const shipmentEvents: unknown[][] = [];
  // Orders of the first 10,000 are made by the first 10,000 customers, so growth never changes them.
  const pool = (i: number) => (i < BASE_ORDERS ? BASE_ORDERS : customers);
  for (let i = from; i < to; i++) {
    const next = random(i + 1);
    const created = start + i * MINUTE;
    const id = idAt(created, 3, i);
    const status = STATUS_OF_PERCENT[Math.floor(next() * 100)]!;
    const path = PATHS[status];
    const customer = isMeasured(i) ? 0 : 1 + Math.floor(next() * (pool(i) - 1));
    const lines = 1 + Math.floor(next() * 3);
    let total = 0;
    const lineProducts: [number, number][] = [];
    for (let line = 1; line <= lines; line++) {
      const p = Math.floor(next() * PRODUCTS);
      const quantity = 1 + Math.floor(next() * 2);
      total += (500 + p * 25) * quantity;
      lineProducts.push([p, quantity]);
      items.push([
        id,
        line,
        productId(p, start),
        `SKU-${String(p).padStart(5, '0')}`,
        `Product ${p}`,
        500 + p * 25,
        quantity,
        '{}',
      ]);
    }
    const statusAt = (step: number) => new Date(created + step * 6 * HOUR).toISOString();
    path.forEach((to, step) => {
      events.push([
        id,
        step === 0 ? 'created' : 'status_changed',
        step === 0 ? null : path[step - 1],
        to,
        step === 0 ? customerId(customer, start) : null,
        null,
        'customer',
        statusAt(step),
      ]);
    });
    const left = LEFT.has(status);
    const tracking = left ? `1Z${String(i).padStart(12, '0')}` : null;
    const updated = statusAt(path.length - 1);
    orders.push([
      id,
      orderNumber(i),
      customer === 0 ? customerId(0, start) : customerId(customer, start),
      customer === 0 ? 'Measured Customer' : `Customer ${customer}`,
      i % 10 === 0 ? `Custom request ${i}` : null,
      total,
      'USD',
      status,
      status === 'ON_HOLD' ? 'CONFIRMED' : null,
      status === 'PENDING' || status === 'CANCELLED' ? 0 : 1,
      JSON.stringify({
        name: `Customer ${customer}`,
        line1: `${i} Main Street`,
        city: 'Springfield',
        postalCode: '12345',
        country: 'US',
      }),
      left ? 'UPS' : null,
      tracking,
      created,
      updated,
      status,
      path.length,
    ]);
    if (left) {
      const shipmentId = idAt(created + 3 * 6 * HOUR, 4, i);
      const delivered = status === 'DELIVERED' || status === 'COMPLETED';
      const shipped = statusAt(3);
      shipments.push([
        shipmentId,
        id,
        1,
        'UPS',
        tracking,
        delivered ? 'DELIVERED' : 'IN_TRANSIT',
        delivered ? statusAt(4) : shipped,
        shipped,
        shipped,
        delivered ? statusAt(4) : null,
      ]);
      for (const [p, quantity] of lineProducts)
        shipmentItems.push([shipmentId, productId(p, start), quantity]);
      shipmentEvents.push([shipmentId, 'IN_TRANSIT', shipped, 'Springfield', null, 'carrier', shipped]);
      if (delivered) {
        shipmentEvents.push([
          shipmentId,
          'DELIVERED',
          statusAt(4),
          'Springfield',
          null,
          'carrier',
          statusAt(4),
        ]);
      }
    }
  }
  // Dates as ISO text: the app stores every time that way on both databases.
  for (const row of orders) {
    const [created, updated, status, version] = row.splice(13, 4) as [number, string, OrderStatus, number];
    const createdAt = new Date(created).toISOString();
    row.push(createdAt, updated, updated, status === 'COMPLETED' ? updated : null);
    row.push(status === 'CANCELLED' ? updated : null, version);
  }
  return [
    {
      table: 'orders',
      columns: [
        'id',
        'order_number',
        'customer_id',
        'customer_name',
        'title',
        'total_cents',
        'currency',
        'status',
        'held_from_status',
        'payment_received',
        'shipping_address',
        'carrier',
        'tracking_number',
        'created_at',
        'updated_at',
        'status_updated_at',
        'completed_at',
        'cancelled_at',
        'version',
      ],
      rows: orders,
    },
    {
      table: 'order_items',
      columns: ['order_id', 'line', 'product_id', 'sku', 'name', 'unit_price_cents', 'quantity', 'options'],
      rows: items,
    },
    {
      table: 'order_events',
      columns: ['order_id', 'type', 'from_status', 'to_status', 'actor_id', 'note', 'visibility', 'at'],
      rows: events,
    },
    {
      table: 'shipments',
      columns: [
        'id',
        'order_id',
        'number',
        'carrier',
        'tracking_number',
        'status',
        'status_at',
        'created_at',
        'shipped_at',
        'delivered_at',
      ],
      rows: shipments,
    },
    { table: 'shipment_items', columns: ['shipment_id', 'product_id', 'quantity'], rows: shipmentItems },
    {
      table: 'shipment_events',
      columns: ['shipment_id', 'status', 'at', 'location', 'note', 'source', 'created_at'],
      rows: shipmentEvents,
    },
  ];
}

/** Order numbers spread evenly over the first `orders` orders, for the tracking reads. */
export const sampleNumbers = (orders: number, count: number) =>
  Array.from({ length: count }, (_, k) => orderNumber(Math.floor(((k + 0.5) * orders) / count)));
