/**
 * Products this process recently refused for lack of stock. Orders for them are checked with plain
 * reads before any transaction: when a sold-out product draws a crowd, each refusal costs a read or
 * two instead of a transaction queued with the orders still being placed. A hint only: it decides
 * where stock is checked first, never the answer (the transaction checks again).
 */
export class SoldOutHint {
  readonly #ids = new Set<string>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Whether any product is marked: with none, no order needs the early check. */
  get empty(): boolean {
    return this.#ids.size === 0;
  }

  has(productId: string): boolean {
    return this.#ids.has(productId);
  }

  mark(productIds: Iterable<string>): void {
    const ids = [...productIds];
    if (this.#ids.size + ids.length > this.maxEntries) this.#ids.clear();
    for (const id of ids) this.#ids.add(id);
  }

  clear(productId: string): void {
    this.#ids.delete(productId);
  }
}
