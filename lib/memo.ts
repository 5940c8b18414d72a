// A value per key kept for a short time, its load shared by everyone who asks while it runs:
// when a kept value expires under load, one load runs, not one per waiting request (100
// requests at once asking for an expired entry made 100 database queries or access reviews).
// A failed load is not kept: the next caller tries again. Once a load has succeeded, the value
// itself is answered (not a promise of it) until it expires: see lib/maybe.ts.
import type { Maybe } from "./maybe";

interface Entry<T> {
  at: number;
  value: Promise<T>;
  /** Set when the load succeeded (a box: the value may itself be undefined). */
  settled?: { value: T };
}

export class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** `ttlMs`: how long a value is kept; `max`: past this many entries, expired ones are dropped. */
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string, load: () => Promise<T>): Maybe<T> {
    // performance.now, not Date.now: monotonic, and Next wraps Date.now in its server (a call more per read)
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.settled ? hit.settled.value : hit.value;
    const entry: Entry<T> = { at: now, value: load() };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.settled = { value };
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (this.entries.size > this.max) for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    return entry.value;
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}
