// @ts-check
// The gzip of an answer's body, and whether the client takes it, for scripts/serve.mjs. A body
// the handler marks as kept (the same bytes given again, unchanged, for as long as they hold: a
// watch cache's frozen page, lib/http/route.ts) is compressed once and its gzip kept with it;
// any other is compressed per answer. Browsers and fetch() ask every request with
// `Accept-Encoding: gzip`: a page of 50 pods compressed per request cost the server 190 µs of
// CPU (6,700 requests/s), three times the plain page.
// Plain JavaScript, shared by the server (no TypeScript loader there) and the tests.
import { promisify } from "node:util";
import zlib from "node:zlib";
import Negotiator from "negotiator";
import { rememberedByText } from "./text-memo.mjs";

const gzip = promisify(zlib.gzip);

/** @type {WeakMap<Uint8Array, Buffer | Promise<Buffer>>} the gzip of kept bodies, gone with them */
const keptGzip = new WeakMap();

/**
 * The body gzipped: the bytes themselves once a kept body's gzip is made (no promise, no
 * thread hop), else a promise of them.
 * @param {Uint8Array} body
 * @param {boolean} [kept] the body is given again unchanged while it holds (DirectAnswer.kept)
 * @returns {Buffer | Promise<Buffer>}
 */
export function gzipOf(body, kept = false) {
  if (!kept) return gzip(body);
  const known = keptGzip.get(body);
  if (known) return known;
  const made = gzip(body).then(
    (zipped) => {
      keptGzip.set(body, zipped);
      return zipped;
    },
    (/** @type {unknown} */ e) => {
      keptGzip.delete(body); // the next answer tries again
      throw e;
    },
  );
  keptGzip.set(body, made); // answers asked while it is made wait for the same one
  return made;
}

/**
 * Whether a client's Accept-Encoding takes gzip rather than the body as it is, its q-values read
 * as HTTP says (by `negotiator`, as Express and Koa read them): `gzip;q=0` refuses gzip, `*`
 * takes it, no header at all means the body as it is. Remembered per header text (clients send
 * a few again and again): reading one is 0.5-0.7 µs.
 */
const gzipAccepted = rememberedByText((text) => new Negotiator({ headers: { "accept-encoding": text } }).encoding(["gzip", "identity"]) === "gzip", { entries: 100, chars: 256 });

/** @param {string | undefined} header */
export function acceptsGzip(header) {
  return gzipAccepted(header ?? "");
}
