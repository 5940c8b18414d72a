// A short memory of who is asking, so most requests resolve their actor without a database
// round trip: a user's account and memberships, and a token's owner, kept for
// BERTH_AUTH_CACHE_MS (2 s). Any change made through this console process clears it at once
// (route() after every write); another replica's change is seen within that bound, so a
// removed member, a revoked token or an ended session is refused within 2 s everywhere.
const TTL_MS = Number(process.env.BERTH_AUTH_CACHE_MS ?? 2000);

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const g = globalThis as unknown as { __berthAuthCache?: Map<string, Entry<unknown>> };
const store = () => (g.__berthAuthCache ??= new Map());

/** The value for key from the last TTL_MS, or a fresh load (shared by concurrent callers; a failed load is not kept). */
export function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  const m = store();
  const now = Date.now();
  const hit = m.get(key) as Entry<T> | undefined;
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = load();
  m.set(key, { at: now, value });
  value.catch(() => {
    if (m.get(key)?.value === value) m.delete(key);
  });
  if (m.size > 10_000) for (const [k, e] of m) if (now - e.at >= TTL_MS) m.delete(k);
  return value;
}

/** Forget everything: after a change that may alter who may do what. */
export function forgetActors() {
  store().clear();
}
