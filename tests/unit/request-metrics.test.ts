// The API's request counter and latency histogram are kept as plain numbers (lib/metrics.ts):
// what Prometheus reads must be what prom-client's own Counter and Histogram would write.
import client from "prom-client";
import { describe, expect, it } from "vitest";
import { requestMetrics } from "@/lib/metrics";

const requests: [string, string, number, number][] = [
  ["/api/me", "GET", 200, 0.0004],
  ["/api/me", "GET", 200, 0.02],
  ["/api/me", "GET", 401, 0.001],
  ["/api/namespaces/[namespace]/apps", "GET", 200, 0.3],
  ["/api/namespaces/[namespace]/apps", "POST", 201, 12], // past the last bucket: only +Inf, sum and count
  ["/api/namespaces/[namespace]/apps", "GET", 200, 0.005], // on a bound: in that bucket
];

describe("the API's request metrics", () => {
  it("write the same text as prom-client's Counter and Histogram fed the same requests", async () => {
    const ours = new client.Registry();
    const counted = requestMetrics(ours);
    const theirs = new client.Registry();
    const counter = new client.Counter({ name: "berth_http_requests_total", help: "API requests by route template, method and status", labelNames: ["route", "method", "status"], registers: [theirs] });
    const histogram = new client.Histogram({ name: "berth_http_request_duration_seconds", help: "API request latency by route template and method", labelNames: ["route", "method"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [theirs] });
    for (const [route, method, status, seconds] of requests) {
      counted.count(route, method, status, seconds);
      counter.labels(route, method, String(status)).inc();
      histogram.labels(route, method).observe(seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    // as JSON too (prom-client adds an empty exemplar to each value: none are kept here)
    const withoutExemplars = (all: Awaited<ReturnType<client.Registry["getMetricsAsJSON"]>>) => all.map((m) => ({ ...m, values: m.values.map((v) => ({ ...v, exemplar: undefined })) }));
    expect(withoutExemplars(await ours.getMetricsAsJSON())).toEqual(withoutExemplars(await theirs.getMetricsAsJSON()));
    expect(text).toContain('berth_http_requests_total{route="/api/me",method="GET",status="200"} 2');
    expect(text).toContain('berth_http_request_duration_seconds_bucket{le="0.005",route="/api/namespaces/[namespace]/apps",method="GET"} 1');
    expect(text).toContain('berth_http_request_duration_seconds_count{route="/api/namespaces/[namespace]/apps",method="POST"} 1');
  });

  it("start again from nothing when the registry is reset", async () => {
    const registry = new client.Registry();
    const counted = requestMetrics(registry);
    counted.count("/api/me", "GET", 200, 0.001);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain("route=");
    counted.count("/api/me", "GET", 200, 0.001);
    expect(await registry.metrics()).toContain('berth_http_requests_total{route="/api/me",method="GET",status="200"} 1');
  });
});
