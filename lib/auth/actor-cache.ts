// A short memory of who is asking, so most requests resolve their actor without a database
// round trip: a user's account and memberships, and a token's owner, kept for
// BERTH_AUTH_CACHE_MS (2 s). A write to what it is read from (users, memberships, teams, their
// namespaces, API tokens) made by this console process clears it at once (lib/db/client.ts
// reports each); another replica's change is seen within that bound, so a removed member, a
// revoked token or an ended session is refused within 2 s everywhere.
import { Memo } from "../memo";
import type { Maybe } from "../maybe";

const TTL_MS = Number(process.env.BERTH_AUTH_CACHE_MS ?? 2000);

// On globalThis: every bundle of the Next server (and the routes serve.mjs calls directly) shares it.
const g = globalThis as unknown as { __berthAuthCache?: Memo<unknown>; __berthAccessWrites?: number };
const store = () => (g.__berthAuthCache ??= new Memo<unknown>(TTL_MS));

/**
 * The value for key from the last TTL_MS (itself, once loaded: lib/maybe.ts), or a fresh load
 * (shared by concurrent callers; a failed load is not kept).
 */
export function remembered<T>(key: string, load: () => Promise<T>): Maybe<T> {
  return store().get(key, load) as Maybe<T>;
}

/** Forget everything: after a change that may alter who may do what. */
function forgetActors() {
  store().clear();
}

/**
 * A write to a table people are resolved from (lib/db/client.ts): forgotten at once, and
 * counted, so that a request which made one forgets again when its transaction is over
 * (a request in between may have read the rows as they were before the commit).
 */
export function accessWritten() {
  g.__berthAccessWrites = (g.__berthAccessWrites ?? 0) + 1;
  forgetActors();
}

/** How many such writes this process has made (compare before and after a request). */
export function accessWrites(): number {
  return g.__berthAccessWrites ?? 0;
}

/**
 * A request's work: when it wrote to what people are resolved from, everything is forgotten
 * once more when it is over (its transaction committed; a request in between may have read
 * the rows as they were before).
 */
export function forgettingAfterAccessWrites<T>(work: () => Promise<T>): Promise<T> {
  const before = accessWrites();
  return work().finally(() => {
    if (accessWrites() !== before) forgetActors();
  });
}
