import type { Role } from '@igniflo/contract';

/**
 * Orders as their JSON (UTF-8 bytes, ready to write), kept per order and viewer role, each valid only for the version it was
 * rendered from. Every change to an order raises its version (updateOrderAtVersion) and its items
 * never change, so (id, version, role) names one JSON for good: a reader that checks the version
 * against the database can never be served a stale order, whichever instance changed it. The
 * least recently used entries go first once `maxEntries` is reached.
 */
export class RenderedOrders {
  readonly #entries = new Map<string, { version: number; json: Buffer }>();

  constructor(private readonly maxEntries: number) {}

  get(id: string, role: Role, version: number): Buffer | undefined {
    const key = `${role}:${id}`;
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) return undefined;
    this.#entries.set(key, entry);
    return entry.json;
  }

  set(id: string, role: Role, version: number, json: Buffer): void {
    const key = `${role}:${id}`;
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value ?? '');
    this.#entries.set(key, { version, json });
  }

  get size(): number {
    return this.#entries.size;
  }
}
