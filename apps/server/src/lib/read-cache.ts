/**
 * Answers to a read kept for a moment, for data read far more often than it changes (the public
 * catalog). The owner calls invalidate() after every change it commits, which drops everything at
 * once; changes this process cannot see (another instance on the same PostgreSQL) show within
 * `maxAgeMs`. Concurrent misses of one key share one load.
 */
export class ReadCache<T> {
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries: number,
  ) {}

  invalidate(): void {
    this.#entries.clear();
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.value;
    if (hit) this.#entries.delete(key);
    const value = load();
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value ?? '');
    const entry = { at: now, value };
    this.#entries.set(key, entry);
    // A failed load is not kept: the next read tries again.
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }
}
