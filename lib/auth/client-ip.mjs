// @ts-check
// Who is connecting, for per-IP login throttling. A client can send any
// X-Forwarded-For it likes, so that header only counts for the proxies Berth is told
// to trust (BERTH_TRUSTED_PROXIES hops); otherwise the connection's own address does.
// Plain JavaScript (types in client-ip.d.mts): the console's server (scripts/serve.mjs)
// loads it without a TypeScript loader, which would cost ~50 MB of memory.

/** The header Berth's server sets on every request (any value a client sent is replaced). */
export const CLIENT_IP_HEADER = "x-berth-client-ip";

/**
 * The client's address: with `trustedProxies` reverse proxies in front, the address the
 * outermost trusted one saw (that many hops from the right of X-Forwarded-For plus
 * the peer); with none, the peer itself.
 * @param {string | string[] | undefined} forwardedFor
 * @param {string | undefined} peer
 * @param {number} trustedProxies
 * @returns {string}
 */
export function clientAddress(forwardedFor, peer, trustedProxies) {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer ?? "unknown"];
  const hops = Math.max(0, Math.floor(trustedProxies) || 0);
  return chain[Math.max(0, chain.length - 1 - hops)].replace(/^::ffff:/, "");
}
