// Login throttling: a fixed number of failed attempts per window, per account and per IP.
// In memory: one Berth process; a multi-replica deployment would move this to the database.
const WINDOW_MS = 60_000;

export interface Limiter {
  /** true when the key is over its limit (the attempt must be refused). */
  blocked(key: string, now?: number): boolean;
  fail(key: string, now?: number): void;
  reset(key: string): void;
}

export function createLimiter(max: number, windowMs = WINDOW_MS): Limiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string, now: number) => (hits.get(key) ?? []).filter((t) => now - t < windowMs);
  return {
    blocked(key, now = Date.now()) {
      const r = recent(key, now);
      if (r.length) hits.set(key, r);
      else hits.delete(key);
      return r.length >= max;
    },
    fail(key, now = Date.now()) {
      hits.set(key, [...recent(key, now), now]);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}

const g = globalThis as unknown as { __berthLoginLimits?: { account: Limiter; ip: Limiter } };
export function loginLimits() {
  g.__berthLoginLimits ??= {
    account: createLimiter(Number(process.env.BERTH_LOGIN_MAX_PER_ACCOUNT ?? 5)),
    ip: createLimiter(Number(process.env.BERTH_LOGIN_MAX_PER_IP ?? 20)),
  };
  return g.__berthLoginLimits;
}
