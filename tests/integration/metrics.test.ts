// /metrics after real traffic: requests by route template (never by the names in them), the
// watch caches, apiserver calls, open streams and refused sign-ins — for platform admins, or
// for Prometheus with BERTH_METRICS_TOKEN; nobody else.
import { describe, expect, inject, it } from "vitest";
import { client, signIn } from "../support/http";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { teamWithNamespace } from "../support/teams";

const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(series + " ") || l.startsWith(series + "{") && l.includes("} ") && l.slice(0, l.lastIndexOf(" ")) === series);
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
};

describe("/metrics", () => {
  it("counts real traffic by route template, for platform admins only", async () => {
    const t = await teamWithNamespace();
    expect((await t.member.call("GET", `/api/namespaces/${t.namespace}/apps`)).status).toBe(200);
    expect((await t.member.call("GET", `/api/namespaces/${t.namespace}/pods`)).status).toBe(200);
    await signIn(t.user.email, "not the password", "198.51.100.90");

    expect((await client().call("GET", "/metrics")).status).toBe(401);
    expect((await t.member.call("GET", "/metrics")).status).toBe(403);
    const r = await fetch(`${inject("baseUrl")}/metrics`, { headers: { cookie: t.admin.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/plain");
    const text = await r.text();
    expect(value(text, 'berth_http_requests_total{route="/api/namespaces/[namespace]/apps",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'berth_http_request_duration_seconds_count{route="/api/namespaces/[namespace]/pods",method="GET"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`route="/api/namespaces/${t.namespace}`); // names never become label values
    expect(value(text, 'berth_login_failures_total{reason="wrong_credentials"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, "berth_namespace_caches")).toBeGreaterThanOrEqual(1);
    expect(value(text, 'berth_informer_relists_total{resource="pods"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'berth_apiserver_call_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^berth_streams_open \d+$/m);
    expect(value(text, "berth_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("lets Prometheus scrape with BERTH_METRICS_TOKEN", async () => {
    const c = await extraConsole({ BERTH_METRICS_TOKEN: "scrape-secret-123" });
    try {
      expect((await fetch(`${c.url}/metrics`, { headers: { authorization: "Bearer scrape-secret-123" } })).status).toBe(200);
      expect((await fetch(`${c.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    } finally {
      await stopExtraConsoles();
    }
  });
});
