// Streams that end when they should: a member removed from the team, or a revoked API token,
// stops receiving within the re-check interval (the stream says why); 200 streams opened and
// reset at every moment of their setup leave no log request open on the real apiserver and
// the console's memory where it was.
import https from "node:https";
import { readFileSync } from "node:fs";
import { AppsV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedIn } from "../../scripts/http-client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { readEvents } from "../support/sse";
import { teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

const RECHECK_MS = 1000;
let url: string;
let pid: number;
let t: Awaited<ReturnType<typeof teamWithNamespace>>;

beforeAll(async () => {
  t = await teamWithNamespace({ role: "owner" });
  const c = await extraConsole({ BERTH_STREAM_RECHECK_MS: String(RECHECK_MS) });
  url = c.url;
  pid = c.child.pid!;
  const owner = await loggedIn(url, t.user.email, t.user.password);
  expect((await owner.call("POST", `/api/namespaces/${t.namespace}/apps`, { spec: { name: "talk", image: "busybox", replicas: 5 } })).status).toBe(201);
  await eventually("talk ready", async () => (await adminKubeConfig().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "talk", namespace: t.namespace })).status?.readyReplicas === 5 || undefined);
}, 120_000);
afterAll(stopExtraConsoles);

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Log requests the apiserver is serving right now (its own gauge of long-running requests). */
async function openLogRequests(): Promise<number> {
  const kc = adminKubeConfig();
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const text = await new Promise<string>((resolve, reject) =>
    https.get(`${kc.getCurrentCluster()!.server}/metrics`, opts, (res) => {
      let s = "";
      res.on("data", (d: Buffer) => (s += d.toString()));
      res.on("end", () => resolve(s));
    }).on("error", reject),
  );
  return text
    .split("\n")
    .filter((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes('subresource="log"'))
    .reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}

describe("streams that must end", () => {
  it("ends a removed member's namespace stream within the re-check interval, saying why", async () => {
    const u = await createUser();
    const owner = await loggedIn(url, t.user.email, t.user.password);
    expect((await owner.call("POST", `/api/teams/${t.slug}/members`, { email: u.email, role: "viewer" })).status).toBe(201);
    const viewer = await loggedIn(url, u.email, u.password);
    let removedAt = 0;
    const read = readEvents(`/api/namespaces/${t.namespace}/stream?pods=all`, viewer.cookie, (events) => {
      if (events.length === 1 && !removedAt) {
        removedAt = Date.now();
        void owner.call("DELETE", `/api/teams/${t.slug}/members/${u.id}`);
      }
      return events.some((e) => e.event === "closed");
    }, 20_000, { base: url });
    const r = await read;
    expect(r.status).toBe(200);
    const closed = r.events.find((e) => e.event === "closed")!;
    expect(closed.data.reason).toMatch(/session has ended|not a member/);
    expect(Date.now() - removedAt).toBeLessThan(RECHECK_MS * 4);
  });

  it("ends a log stream followed with an API token once the token is revoked", async () => {
    const owner = await loggedIn(url, t.user.email, t.user.password);
    const tok = (await owner.call("POST", "/api/tokens", { name: "follow" })).body;
    let revokedAt = 0;
    const r = await readEvents(`/api/namespaces/${t.namespace}/apps/talk/logs?follow=1`, "", (events) => {
      if (events.length === 1 && !revokedAt) {
        revokedAt = Date.now();
        void owner.call("DELETE", `/api/tokens/${tok.id}`);
      }
      return events.some((e) => e.event === "closed");
    }, 20_000, { base: url, headers: { authorization: `Bearer ${tok.token}` } });
    expect(r.status).toBe(200);
    expect(r.events.find((e) => e.event === "closed")?.data.reason).toMatch(/session has ended/);
    expect(Date.now() - revokedAt).toBeLessThan(RECHECK_MS * 4);
  });

  it("leaves no log request open and memory where it was after 200 streams reset at every moment", async () => {
    const owner = await loggedIn(url, t.user.email, t.user.password);
    const baseline = await openLogRequests();
    const rssBefore = rssMb();
    const paths = [`/api/namespaces/${t.namespace}/apps/talk/logs?follow=1`, `/api/namespaces/${t.namespace}/stream?pods=all`];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const ac = new AbortController();
        const after = (i * 7) % 150; // 0–150 ms: before, during (five pods' logs opened one after another) and after the setup
        setTimeout(() => ac.abort(), after);
        try {
          const res = await fetch(`${url}${paths[i % 2]}`, { headers: { cookie: owner.cookie }, signal: ac.signal });
          await res.body?.getReader().read();
        } catch {
          /* reset */
        }
      }),
    );
    const left = await eventually("no leftover log requests", async () => {
      const n = await openLogRequests();
      return n <= baseline ? { n } : undefined;
    }, 15_000, 500);
    expect(left.n).toBeLessThanOrEqual(baseline);
    await new Promise((r) => setTimeout(r, 2000));
    expect(rssMb() - rssBefore).toBeLessThan(60);
  });
});
