// Berth's own metrics in the Prometheus format (prom-client): HTTP requests by route template,
// open streams, the watch caches, calls to the apiserver, builds, releases and sign-in
// failures, and the process's own (memory, event loop, GC). One registry per process, kept on
// globalThis so every bundle of the Next server counts in the same place.
import client from "prom-client";

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "berth_" });
  const m = {
    registry,
    httpRequests: new client.Counter({ name: "berth_http_requests_total", help: "API requests by route template, method and status", labelNames: ["route", "method", "status"], registers: [registry] }),
    httpDuration: new client.Histogram({ name: "berth_http_request_duration_seconds", help: "API request latency by route template and method", labelNames: ["route", "method"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    streamsOpen: new client.Gauge({ name: "berth_streams_open", help: "Server-sent event streams open now (namespace views and log follows)", registers: [registry] }),
    relists: new client.Counter({ name: "berth_informer_relists_total", help: "Full LISTs by the watch caches (first fill and after 410 Gone)", labelNames: ["resource"], registers: [registry] }),
    gone: new client.Counter({ name: "berth_informer_gone_total", help: "Watches told 410 Gone (history compacted): a LIST follows", labelNames: ["resource"], registers: [registry] }),
    apiserverCalls: new client.Histogram({ name: "berth_apiserver_call_duration_seconds", help: "Calls to the Kubernetes apiserver by outcome (ok, or the error code)", labelNames: ["outcome"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry] }),
    builds: new client.Histogram({ name: "berth_build_duration_seconds", help: "Image builds by result", labelNames: ["result"], buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800], registers: [registry] }),
    releases: new client.Counter({ name: "berth_release_operations_total", help: "Marketplace release operations by action and how they ended", labelNames: ["action", "result"], registers: [registry] }),
    loginFailures: new client.Counter({ name: "berth_login_failures_total", help: "Refused sign-ins by reason (wrong_credentials, rate_limited, sso_refused)", labelNames: ["reason"], registers: [registry] }),
  };
  return m;
}

const g = globalThis as unknown as { __berthMetrics?: ReturnType<typeof create>; __berthCacheStats?: () => { namespaces: number; objects: number } };

export function metrics() {
  g.__berthMetrics ??= create();
  return g.__berthMetrics;
}

/** The watch caches report their size when metrics are read (lib/k8s/namespace-cache.ts sets this). */
export function reportCaches(stats: () => { namespaces: number; objects: number }) {
  if (g.__berthCacheStats) return;
  g.__berthCacheStats = stats;
  const registry = metrics().registry;
  new client.Gauge({ name: "berth_namespace_caches", help: "Namespaces with a watch cache in this process", registers: [registry], collect() { this.set(g.__berthCacheStats!().namespaces); } });
  new client.Gauge({ name: "berth_cache_objects", help: "Objects (apps and pods) the watch caches hold", registers: [registry], collect() { this.set(g.__berthCacheStats!().objects); } });
}

/** The route template of a request path: each parameter's value put back as [name]. */
export function routeTemplate(pathname: string, params: Record<string, string>): string {
  const byValue = new Map(Object.entries(params).map(([k, v]) => [v, k]));
  return pathname
    .split("/")
    .map((seg) => (byValue.has(decodeURIComponent(seg)) ? `[${byValue.get(decodeURIComponent(seg))}]` : seg))
    .join("/");
}

type Counted = { duration: client.Histogram.Internal<"route" | "method">; requests: client.Counter.Internal };
/** Each route template, method and status's own series, found once (prom-client hashes the labels on every call otherwise). */
const series = new Map<string, Counted>();

/** One API request: counted by route template, method and status, timed by template and method. */
export function countRequest(route: string, method: string, status: number, seconds: number) {
  const key = `${method} ${status} ${route}`;
  let s = series.get(key);
  if (!s) {
    if (series.size >= 10_000) series.clear(); // templates are few; a bound all the same
    s = { duration: metrics().httpDuration.labels(route, method), requests: metrics().httpRequests.labels(route, method, String(status)) };
    series.set(key, s);
  }
  s.duration.observe(seconds);
  s.requests.inc();
}

/** Times an apiserver call, whatever its outcome. */
export async function timedApiserverCall<T>(fn: () => Promise<T>, outcomeOf: (e: unknown) => string): Promise<T> {
  const end = metrics().apiserverCalls.startTimer();
  try {
    const out = await fn();
    end({ outcome: "ok" });
    return out;
  } catch (e) {
    end({ outcome: outcomeOf(e) });
    throw e;
  }
}
