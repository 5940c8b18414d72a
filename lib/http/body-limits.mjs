// @ts-check
// How large a request body may be, decided by the Node server in front of Next (scripts/serve.mjs)
// before anything reads the body — next-auth's sign-in callback included. One limit per kind of
// route: JSON and forms 1 MB; the config and import routes 2 MB (a 1 MiB ConfigMap or manifest,
// escaped in JSON); a Git host's webhook 5 MB; multipart uploads BERTH_MAX_UPLOAD, checked here
// against their declared length and again by lib/http/multipart.ts while they stream.

const MB = 1024 * 1024;
export const JSON_LIMIT = MB;

/** Room for a multipart body's boundaries and small fields besides its file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

/** A multipart upload's limit (BERTH_MAX_UPLOAD, 500 MB by default). */
export const uploadLimit = () => Number(process.env.BERTH_MAX_UPLOAD ?? 500 * MB);

const LARGER = [
  { path: /^\/api\/namespaces\/[^/]+\/(configmaps|secrets|import)(\/|$)/, limit: 2 * MB },
  { path: /^\/api\/hooks\//, limit: 5 * MB },
];

/**
 * The limit for a request, or null when it has no body to limit (GET, HEAD …). A streamed
 * (multipart) body may also have MULTIPART_OVERHEAD besides its file.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @param {string | undefined} contentType
 * @returns {{ limit: number; streamed: boolean } | null}
 */
export function bodyLimit(method, url, contentType) {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  if ((contentType ?? "").toLowerCase().startsWith("multipart/form-data")) return { limit: uploadLimit(), streamed: true };
  const path = (url ?? "/").split("?")[0];
  return { limit: LARGER.find((l) => l.path.test(path))?.limit ?? JSON_LIMIT, streamed: false };
}

/** "1 MB", "500 MB" … for messages. */
export const sizeText = (/** @type {number} */ bytes) => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`);
