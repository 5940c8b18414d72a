// @ts-check
// What is worked out from a request's text that clients send the same again and again (a
// query, an Accept-Encoding header), remembered by that text: a bounded Map, emptied when full.
// Used by route() (lib/http/route.ts) and by scripts/serve.mjs through lib/http/gzip.mjs.
// Plain JavaScript, shared by the server (no TypeScript loader there) and lib/.

/**
 * `make` remembered per text: up to `entries` texts of up to `chars` characters (longer ones
 * are worked out each time, so the memory stays small); when full, it starts again empty.
 * @template T
 * @param {(text: string) => T} make
 * @param {{ entries: number; chars: number }} limits
 * @returns {(text: string) => T}
 */
export function rememberedByText(make, { entries, chars }) {
  /** @type {Map<string, T>} */
  const known = new Map();
  return (text) => {
    const had = known.get(text);
    if (had !== undefined || known.has(text)) return /** @type {T} */ (had);
    const value = make(text);
    if (text.length <= chars) {
      if (known.size >= entries) known.clear();
      known.set(text, value);
    }
    return value;
  };
}
