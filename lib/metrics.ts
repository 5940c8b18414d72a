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
    http: requestMetrics(registry),
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

/** One API request: counted by route template, method and status, timed by template and method. */
export function countRequest(route: string, method: string, status: number, seconds: number) {
  metrics().http.count(route, method, status, seconds);
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The latency histogram of one route template and method (shared by their statuses). */
interface Timing {
  route: string;
  method: string;
  /** Requests per bucket (not cumulative); past the last bound only in count. */
  counts: number[];
  sum: number;
  count: number;
}

/** The request counter of one route template, method and status. */
interface Series {
  route: string;
  method: string;
  status: string;
  requests: number;
  timing: Timing;
}

/**
 * berth_http_requests_total and berth_http_request_duration_seconds, kept as plain numbers per
 * series and written out by prom-client's registry when metrics are read (it reads any metric
 * through get(), as it does its own). prom-client's Counter and Histogram hash and check their
 * labels on every call, even through labels(): 0.9 µs and ~500 bytes of every API request.
 * The output is the same as theirs (tests/unit/request-metrics.test.ts compares them).
 */
export function requestMetrics(registry: client.Registry) {
  const series = new Map<string, Series>();
  const timings = new Map<string, Timing>();
  const reset = () => {
    series.clear();
    timings.clear();
  };
  const counter = {
    name: "berth_http_requests_total",
    help: "API requests by route template, method and status",
    type: "counter",
    aggregator: "sum",
    reset,
    async get() {
      const values = [...series.values()].map((s) => ({ labels: { route: s.route, method: s.method, status: s.status }, value: s.requests }));
      return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
    },
  };
  const histogram = {
    name: "berth_http_request_duration_seconds",
    help: "API request latency by route template and method",
    type: "histogram",
    aggregator: "sum",
    reset,
    // read as JSON: each value's labels in one object, as prom-client's Histogram gives them
    async get() {
      const data = await this.getForPromString();
      return { ...data, values: data.values.map((v) => ({ value: v.value, metricName: v.metricName, labels: { ...v.sharedLabels, ...v.labels } })) };
    },
    async getForPromString() {
      // as prom-client writes a histogram: the bound first, then the series' own labels
      const values: { labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string }[] = [];
      for (const t of timings.values()) {
        const labels = { route: t.route, method: t.method };
        let acc = 0;
        DURATION_BUCKETS.forEach((le, i) => {
          acc += t.counts[i];
          values.push({ labels: { le }, sharedLabels: labels, value: acc, metricName: `${this.name}_bucket` });
        });
        values.push({ labels: { le: "+Inf" }, sharedLabels: labels, value: t.count, metricName: `${this.name}_bucket` });
        values.push({ labels: {}, sharedLabels: labels, value: t.sum, metricName: `${this.name}_sum` });
        values.push({ labels: {}, sharedLabels: labels, value: t.count, metricName: `${this.name}_count` });
      }
      return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
    },
  };
  for (const m of [counter, histogram]) registry.registerMetric(m as unknown as client.Metric);
  return {
    count(route: string, method: string, status: number, seconds: number) {
      const key = `${method} ${status} ${route}`;
      let s = series.get(key);
      if (!s) {
        if (series.size >= 10_000) reset(); // templates are few; a bound all the same
        const timingKey = `${method} ${route}`;
        let timing = timings.get(timingKey);
        if (!timing) timings.set(timingKey, (timing = { route, method, counts: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 }));
        series.set(key, (s = { route, method, status: String(status), requests: 0, timing }));
      }
      s.requests++;
      const t = s.timing;
      const i = DURATION_BUCKETS.findIndex((le) => seconds <= le);
      if (i >= 0) t.counts[i]++;
      t.sum += seconds;
      t.count++;
    },
  };
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
