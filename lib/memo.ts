// A value per key kept for a short time, its load shared by everyone who asks while it runs:
// when a kept value expires under load, one load runs, not one per waiting request (100
// requests at once asking for an expired entry made 100 database queries or access reviews).
// A failed load is not kept: the next caller tries again.
export class Memo<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  /** `ttlMs`: how long a value is kept; `max`: past this many entries, expired ones are dropped. */
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.max) for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    return value;
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}
