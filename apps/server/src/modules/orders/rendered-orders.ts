import type { Role } from '@igniflo/contract';

/**
 * Orders as their JSON (UTF-8 bytes, ready to write), kept per order and viewer role, each valid
 * only for the version it was rendered from. Every change to an order raises its version
 * (updateOrderAtVersion) and its items never change, so (id, version, role) names one JSON for
 * good: a reader that checks the version against the database can never be served a stale order,
 * whichever instance changed it. The least recently used orders go first once `maxEntries` is
 * reached.
 */
export class RenderedOrders {
  /**
   * By order id, the version rendered and its JSON per role. Keyed by the id string itself: a key
   * built per lookup (role + id) cost several times the lookup, a page of orders being 20 of them.
   */
  readonly #entries = new Map<string, { version: number; json: Partial<Record<Role, Buffer>> }>();

  constructor(private readonly maxEntries: number) {}

  get(id: string, role: Role, version: number): Buffer | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.version !== version) {
      this.#entries.delete(id);
      return undefined;
    }
    const json = entry.json[role];
    if (json !== undefined) {
      // Most recently used last.
      this.#entries.delete(id);
      this.#entries.set(id, entry);
    }
    return json;
  }

  set(id: string, role: Role, version: number, json: Buffer): void {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    if (entry !== undefined && entry.version === version) {
      entry.json[role] = json;
      this.#entries.set(id, entry);
      return;
    }
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value ?? '');
    this.#entries.set(id, { version, json: { [role]: json } });
  }

  /** How many orders have a rendering kept. */
  get size(): number {
    return this.#entries.size;
  }
}
