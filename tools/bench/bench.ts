// `npm run bench`: Berth's speed and memory targets, measured against the real
// local control plane with 5,000 kwok pods. Prints numbers and ratios; asserts nothing.
//   1. listing 5,000 pods through Berth's API (watch-fed cache, pages of 1,000)
//      vs one direct apiserver LIST of the same pods, same run      (target ≤ 0.2×); a namespace's
//      first listing, which starts its cache (median of 3 consoles), vs the same LIST (≤ 1.5×)
//   2. the console server's RSS with those pods cached              (target ≤ 300 MB)
//   3. scale click → replica count updated in an open Chromium page (target ≤ 1 s)
//   4. throughput at 100 connections (autocannon): /healthz, and /api/me, the apps list and a pods
//      page with a Bearer token (≥ 1,000 req/s, p99 ≤ 100 ms, ≥ 0.8× /healthz; /healthz p99
//      ≤ 50 ms), and the RSS after that load and 30 s idle (≤ 300 MB). The pods page (9.6 KB, the
//      only answer of these over 1 KB, which is compressed from) twice: asked plain, as curl asks,
//      and with Accept-Encoding: gzip, as fetch(), browsers and most HTTP libraries ask unasked
//   5. 5,000 open streams on the namespace (tools/bench/streams.ts): server memory per stream
//      (≤ 30 KB) and a scale reaching all of them (p99 ≤ 500 ms)
//   6. JavaScript per page, gzip, empty cache, in Chromium (tools/bench/page-weight.ts; ≤ 150 KB)
//   7. `npm start`'s own setup (tools/bench/embedded.ts: the embedded database's host process and
//      its console): RSS idle with the 5,000 pods cached (≤ 600 MB), authenticated reads at 100
//      connections (≥ 500 req/s)
//   8. builds (tools/bench/builds.ts): a 50 MB jar → image vs a raw push (≤ 1.5×), the same
//      build again (≤ 0.2×), RSS growth while building a 500 MB artifact (≤ 64 MB)
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { down, SIMULATED_TAINT, up } from "../../scripts/cluster/cluster";
import { generateClient, migrate } from "../../scripts/db";
import { loggedIn } from "../../scripts/http-client";
import { createTestDatabase } from "../../scripts/postgres";
import { buildConsole, repo, serveConsole, waitForHttp } from "../../scripts/next";
import { pushBusybox } from "../../scripts/base-images";
import { benchBuilds } from "./builds";
import { startEmbeddedConsole } from "./embedded";
import { pageWeights, type PageWeight } from "./page-weight";
import { benchStreams, type StreamFigures } from "./streams";
import { load, median, rounds, type Throughput } from "./throughput";

const PODS = Number(process.env.BENCH_PODS ?? 5000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000);
const RUNS = 5;
const say = (m: string) => console.log(`[bench] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process and every process under it. */
function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    /* pgrep exits 1 when there are none */
  }
  return [pid, ...children.flatMap(tree)];
}

/** RSS in MB of a process and every process under it (`alone`: of that process only). */
function rssMb(pid: number, alone = false): number {
  // Sum the server and whatever it runs (what the machine pays).
  let kb = 0;
  for (const p of alone ? [pid] : tree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    } catch {
      /* ended meanwhile */
    }
  }
  return kb / 1024;
}

/** One raw LIST of every pod in the namespace, fully read (what a client without a cache pays). */
function directList(kc: KubeConfig, namespace: string): Promise<{ ms: number; count: number; bytes: number }> {
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const url = new URL(`${cluster.server}/api/v1/namespaces/${namespace}/pods`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = https.get(url, { headers: { authorization: `Bearer ${user.token}`, accept: "application/json" }, ca: Buffer.from(cluster.caData!, "base64") }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const count = (JSON.parse(body.toString()) as { items: unknown[] }).items.length;
        resolve({ ms: performance.now() - started, count, bytes: body.length });
      });
    });
    req.on("error", reject);
  });
}

async function main() {
  const dir = path.join(repo, ".berth", "bench-cluster");
  process.env.BERTH_CLUSTER_DIR = dir;
  delete process.env.KUBECONFIG;
  say(`starting the local control plane in ${path.relative(repo, dir)}…`);
  const cluster = await up({ nodes: 3 });
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.adminKubeconfig);
  const core = admin.makeApiClient(CoreV1Api);
  const appsApi = admin.makeApiClient(AppsV1Api);

  // The production setup: a real PostgreSQL (as in CI); PGlite, the embedded default, if none is installed.
  const { startEmbeddedDatabase, freePort } = await import("../../lib/db/embedded");
  let db: { url: string; stop: () => Promise<void> };
  let dbKind = "PostgreSQL";
  let pool = "10";
  try {
    const pg = await createTestDatabase();
    db = { url: pg.url, stop: pg.drop };
  } catch (e) {
    say(`no PostgreSQL (${(e as Error).message.split("\n")[0]}); using the embedded PGlite`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "berth-bench-db-"));
    const embedded = await startEmbeddedDatabase(dataDir);
    db = { url: embedded.url, stop: async () => { await embedded.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
    dbKind = "PGlite";
    pool = "1";
  }
  say(`database: ${dbKind}`);
  generateClient();
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  process.env.BERTH_DB_POOL = pool;
  const { seedFirstAdmin } = await import("../../lib/db/seed");
  const password = randomBytes(12).toString("hex");
  await seedFirstAdmin({ email: "bench@berth.local", password });
  const { db: prisma } = await import("../../lib/db/client");
  await prisma().$disconnect();

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env = { ...process.env, DATABASE_URL: db.url, BERTH_DB_POOL: pool, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXTAUTH_URL: base, BERTH_CLUSTER_DIR: dir, NODE_ENV: "production" as const, BERTH_NEXT_DIST_DIR: ".next-test", BERTH_SECRET_KEY: randomBytes(32).toString("hex"), BERTH_MAX_UPLOAD: String(600 * 1024 * 1024) };
  buildConsole(env, say);
  const server = serveConsole(env, port, "ignore");
  await waitForHttp(`${base}/healthz`, 60_000);
  const benchNamespaces: string[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });

  try {
    const me = await loggedIn(base, "bench@berth.local", password);
    const slug = `bench${Date.now().toString(36)}`;
    const ns = `${slug}-load`;
    benchNamespaces.push(ns, `${slug}-warm`);
    await me.call("POST", "/api/teams", { slug, name: "Bench" });
    const created = await me.call("POST", `/api/teams/${slug}/namespaces`, { name: ns, limits: { quota: { cpu: "1000", memory: "4000Gi", pods: PODS + 100 } } });
    if (created.status !== 201) throw new Error(`creating the namespace failed: ${JSON.stringify(created.body)}`);
    // Thousands of pods go to the simulated nodes (tainted, so ordinary apps land on the real
    // node): the namespace selects them and tolerates their taint (PodNodeSelector, PodTolerationRestriction).
    await core.patchNamespace(
      { name: ns, body: { metadata: { annotations: { "scheduler.alpha.kubernetes.io/node-selector": "type=kwok", "scheduler.alpha.kubernetes.io/defaultTolerations": JSON.stringify([{ ...SIMULATED_TAINT, operator: "Equal" }]) } } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );


    say(`creating ${PODS} pods (a Deployment the controller-manager fills, the scheduler binds, kwok runs)…`);
    const labels = { app: "load" };
    const small = { requests: { cpu: "1m", memory: "1Mi" }, limits: { cpu: "1m", memory: "1Mi" } };
    await appsApi.createNamespacedDeployment({ namespace: ns, body: { metadata: { name: "load" }, spec: { replicas: PODS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "busybox:1.36", resources: small }] } } } } });
    const t0 = Date.now();
    for (;;) {
      const d = await appsApi.readNamespacedDeployment({ name: "load", namespace: ns });
      if ((d.status?.readyReplicas ?? 0) >= PODS) break;
      if (Date.now() - t0 > 20 * 60_000) throw new Error(`only ${d.status?.readyReplicas ?? 0} of ${PODS} pods became ready in 20 minutes`);
      await sleep(2000);
    }
    say(`${PODS} pods running after ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    // --- 1. list latency
    const listThroughBerth = async (client = me) => {
      const started = performance.now();
      let cursor: string | undefined;
      let count = 0;
      do {
        const r = await client.call("GET", `/api/namespaces/${ns}/pods?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
        if (r.status !== 200) throw new Error(`pods API: ${r.status} ${JSON.stringify(r.body)}`);
        count += r.body.items.length;
        cursor = r.body.cursor;
      } while (cursor);
      return { ms: performance.now() - started, count };
    };
    const baseline = rssMb(server.pid!);
    // The process's first listing of any namespace pays once for loading the route's code, the
    // cluster connection and Berth's own start-up work; an empty namespace takes that first, so
    // the next figure is what a namespace's first listing costs (its cache's LIST + WATCH).
    const warm = `${slug}-warm`;
    if ((await me.call("POST", `/api/teams/${slug}/namespaces`, { name: warm })).status !== 201) throw new Error("creating the empty namespace failed");
    const processFirst = performance.now();
    if ((await me.call("GET", `/api/namespaces/${warm}/pods?limit=1000`)).status !== 200) throw new Error("listing the empty namespace failed");
    const processFirstMs = performance.now() - processFirst;
    const colds = [(await listThroughBerth()).ms]; // starts the namespace cache (LIST + WATCH)
    // One cold sample varies by a third from run to run (GC and JIT state): two more consoles
    // on the same database, each started, warmed on the empty namespace and timed the same way.
    for (let i = 0; i < 2; i++) {
      const morePort = await freePort();
      const moreBase = `http://localhost:${morePort}`;
      const more = serveConsole({ ...env, NEXTAUTH_URL: moreBase }, morePort, "ignore");
      try {
        await waitForHttp(`${moreBase}/healthz`, 60_000);
        const client = await loggedIn(moreBase, "bench@berth.local", password);
        if ((await client.call("GET", `/api/namespaces/${warm}/pods?limit=1000`)).status !== 200) throw new Error("listing the empty namespace failed");
        colds.push((await listThroughBerth(client)).ms);
      } finally {
        const gone = new Promise((r) => more.once("exit", r));
        more.kill("SIGTERM");
        await gone;
      }
    }
    const direct: number[] = [];
    const berth: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const d = await directList(admin, ns);
      const b = await listThroughBerth();
      if (d.count !== PODS || b.count !== PODS) throw new Error(`counted ${d.count} pods directly and ${b.count} through Berth, expected ${PODS}`);
      direct.push(d.ms);
      berth.push(b.ms);
      bytes = d.bytes;
    }
    const ratio = median(berth) / median(direct);
    // Where Berth's time goes: a request's fixed cost (session, one DB query, access check) vs payload.
    const timed = async (p: string) => {
      const xs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await me.call("GET", p);
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    const fixedMe = await timed("/api/me");
    const onePod = await timed(`/api/namespaces/${ns}/pods?limit=1`);
    const thousand = await timed(`/api/namespaces/${ns}/pods?limit=1000`);

    // --- 2. memory
    await sleep(1000);
    const rss = rssMb(server.pid!);

    // --- 3. scale click → count updated in an open page
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").fill("bench@berth.local");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    const web = { name: "web", image: "nginx:1.27", replicas: 1, ports: [{ containerPort: 80 }] };
    const dep = await me.call("POST", `/api/namespaces/${ns}/apps`, { spec: web });
    if (dep.status !== 201) throw new Error(`deploy failed: ${JSON.stringify(dep.body)}`);
    await page.goto(`${base}/apps/${ns}/web`);
    await page.locator('[data-testid="live-indicator"][data-connected="true"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="ready-replicas"]')?.textContent === "1/1 ready");
    const clicks: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const want = i + 2;
      const started = performance.now();
      await page.getByRole("button", { name: "Add a replica" }).click();
      // the watch confirms the new desired count on the Deployment (not the optimistic value)
      await page.waitForFunction((n) => document.querySelector('[data-testid="ready-replicas"]')?.textContent?.endsWith(`/${n} ready`), want, { timeout: 10_000 });
      clicks.push(performance.now() - started);
      await page.waitForFunction((n) => document.querySelector('[data-testid="ready-replicas"]')?.textContent === `${n}/${n} ready`, want, { timeout: 30_000 });
    }

    // The page is closed before the load: its usage charts have the console sample metrics-server
    // and Chromium renders every change, on the same two CPUs as the server under load.
    await page.close();

    // --- 4. throughput (autocannon, tools/bench/throughput.ts)
    const token = (await me.call("POST", "/api/tokens", { name: "bench", scope: "read", expiresInDays: 1 })).body.token as string;
    say("load: 100 connections against /healthz, /api/me, the apps list and a pods page (asked plain, and with gzip)…");
    const pods = `/api/namespaces/${ns}/pods?limit=50`;
    const loads: Throughput[] = rounds(base, [{ path: "/healthz" }, { path: "/api/me", token }, { path: `/api/namespaces/${ns}/apps`, token }, { path: pods, token }, { path: pods, token, gzip: true }], server.pid);
    await sleep(30_000);
    const rssAfterLoad = rssMb(server.pid!);

    // --- 5. open streams: memory each, and one change reaching all
    say(`opening ${STREAMS} streams on the namespace, then scaling an app…`);
    const desired = RUNS + 2;
    const streams: StreamFigures = await benchStreams({
      base,
      path: `/api/namespaces/${ns}/stream`,
      token,
      n: STREAMS,
      rss: () => rssMb(server.pid!),
      change: async () => {
        const r = await me.call("PUT", `/api/namespaces/${ns}/apps/web/scale`, { replicas: desired });
        if (r.status >= 300) throw new Error(`scale failed: ${JSON.stringify(r.body)}`);
      },
      reached: (event) => event.startsWith("event: app") && event.includes('"name":"web"') && event.includes(`"desired":${desired}`),
    });

    // --- 6. JavaScript per page
    say("weighing each page's JavaScript in Chromium…");
    const weights: PageWeight[] = await pageWeights(browser, base, { email: "bench@berth.local", password }, [
      { name: "login", path: "/login", public: true },
      { name: "overview", path: "/" },
      { name: "apps list", path: "/apps" },
      { name: "app page", path: `/apps/${ns}/web` },
      { name: "deploy wizard", path: "/apps/new" },
      { name: "workloads", path: "/workloads" },
      { name: "builds", path: "/builds" },
      { name: "config", path: "/config" },
      { name: "marketplace", path: "/marketplace" },
      { name: "marketplace install", path: "/marketplace/redis" },
      { name: "team", path: "/team" },
      { name: "settings", path: "/settings" },
    ]);

    // --- 7. npm start's own setup (embedded database) on the same cluster
    say("npm start's own setup (PGlite) beside it: caching the namespace, idle, then load…");
    const embedded = await startEmbeddedConsole(await freePort(), dir);
    let embeddedRss: number;
    let embeddedHostRss: number;
    let embeddedLoads: Throughput[];
    try {
      let cursor: string | undefined;
      do {
        const r = await embedded.me.call("GET", `/api/namespaces/${ns}/pods?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
        if (r.status !== 200) throw new Error(`pods API (embedded): ${r.status} ${JSON.stringify(r.body)}`);
        cursor = r.body.cursor;
      } while (cursor);
      await sleep(30_000);
      embeddedRss = rssMb(embedded.host.pid!);
      embeddedHostRss = rssMb(embedded.host.pid!, true);
      const t = (await embedded.me.call("POST", "/api/tokens", { name: "bench", scope: "read", expiresInDays: 1 })).body.token as string;
      embeddedLoads = [load(embedded.base, { path: "/api/me", token: t }), load(embedded.base, { path: `/api/namespaces/${ns}/apps`, token: t })];
    } finally {
      await embedded.stop();
    }

    // --- 8. builds, last, so their memory does not count in the figures above
    say("building images: 3 rounds of a 50 MB jar (and a raw push of the same bytes), then a 500 MB one…");
    // The real JRE base when the cluster has a real node (built from Debian), else a busybox stand-in.
    if (cluster.noRealNode) await pushBusybox(`http://${cluster.registry}`, "library/eclipse-temurin:17-jre");
    const builds = await benchBuilds(me, ns, cluster.registry, () => rssMb(server.pid!));

    console.log("");
    console.log("benchmark                                               value        target    ");
    console.log("------------------------------------------------------  -----------  ----------");
    console.log(`direct apiserver LIST of ${PODS} pods (median of ${RUNS})`.padEnd(56) + `${median(direct).toFixed(0)} ms`.padEnd(13) + `(${(bytes / 1e6).toFixed(1)} MB)`);
    console.log(`Berth API, ${PODS} pods in pages of 1000 (median of ${RUNS})`.padEnd(56) + `${median(berth).toFixed(0)} ms`.padEnd(13));
    console.log(`Berth API, first listing (median of 3 consoles)`.padEnd(56) + `${median(colds).toFixed(0)} ms`.padEnd(13) + `(${colds.map((x) => x.toFixed(0)).join(", ")})`);
    console.log(`  (before it, the process's first listing of any namespace, an empty one: ${processFirstMs.toFixed(0)} ms — the route's code loads then)`);
    console.log(`  one request: /api/me ${fixedMe.toFixed(1)} ms, 1 pod ${onePod.toFixed(1)} ms, 1000 pods ${thousand.toFixed(1)} ms (medians of 20)`);
    const first = median(colds) / median(direct);
    console.log(`ratio first listing / direct LIST`.padEnd(56) + `${first.toFixed(2)}×`.padEnd(13) + `≤ 1.5×   ${first <= 1.5 ? "met" : "MISSED"}`);
    console.log(`ratio Berth / direct`.padEnd(56) + `${ratio.toFixed(3)}×`.padEnd(13) + `≤ 0.2×  ${ratio <= 0.2 ? "met" : "MISSED"}`);
    console.log(`console server RSS with ${PODS} pods cached`.padEnd(56) + `${rss.toFixed(0)} MB`.padEnd(13) + `≤ 300 MB ${rss <= 300 ? "met" : "MISSED"}`);
    console.log(`  (before the first listing: ${baseline.toFixed(0)} MB)`);
    console.log(`scale click → count updated in page (median of ${RUNS})`.padEnd(56) + `${median(clicks).toFixed(0)} ms`.padEnd(13) + `≤ 1000 ms ${median(clicks) <= 1000 ? "met" : "MISSED"}`);
    console.log(`  (all clicks: ${clicks.map((c) => c.toFixed(0)).join(", ")} ms)`);
    const floor = loads[0];
    console.log(`/healthz at 100 connections`.padEnd(56) + `${floor.rps.toFixed(0)} req/s`.padEnd(13) + `p99 ${floor.p99ms.toFixed(0)} ms (≤ 50 ms ${floor.p99ms <= 50 ? "met" : "MISSED"})${floor.errors ? `  ${floor.errors}` : ""}`);
    // each run's requests/s, and the server's CPU per request: what each route costs, apart from how busy the machine was
    const runsNote = (l: Throughput) => `  (runs: ${l.samples!.map((x) => x.toFixed(0)).join(", ")} req/s; server CPU ${l.cpuUs!.toFixed(0)} µs/request)`;
    console.log(runsNote(floor));
    for (const l of loads.slice(1)) {
      const ok = l.rps >= 1000 && l.p99ms <= 100 && l.rps >= 0.8 * floor.rps;
      console.log(`${l.target.path.replace(ns, "<ns>")} with a token${l.target.gzip ? ", gzip" : ""}`.padEnd(56) + `${l.rps.toFixed(0)} req/s`.padEnd(13) + `p99 ${l.p99ms.toFixed(0)} ms, ${(l.rps / floor.rps).toFixed(2)}× /healthz (≥ 1000, ≤ 100 ms, ≥ 0.8×: ${ok ? "met" : "MISSED"})${l.errors ? `  ${l.errors}` : ""}`);
      console.log(runsNote(l));
    }
    console.log(`console RSS after the load and 30 s idle`.padEnd(56) + `${rssAfterLoad.toFixed(0)} MB`.padEnd(13) + `≤ 300 MB ${rssAfterLoad <= 300 ? "met" : "MISSED"}`);
    console.log(`${streams.opened} open streams: server memory per stream`.padEnd(56) + `${streams.perStreamKb.toFixed(1)} KB`.padEnd(13) + `≤ 30 KB  ${streams.perStreamKb <= 30 ? "met" : "MISSED"}`);
    console.log(`  a scale reaching all of them`.padEnd(56) + `p99 ${streams.p99ms.toFixed(0)} ms`.padEnd(13) + `≤ 500 ms ${streams.p99ms <= 500 && streams.missed === 0 ? "met" : "MISSED"}  (max ${streams.maxMs.toFixed(0)} ms${streams.missed ? `, ${streams.missed} never reached` : ""})`);
    for (const w of weights) console.log(`JavaScript, gzip, empty cache: ${w.name} (${w.path.replace(ns, "<ns>")})`.padEnd(56) + `${w.kb.toFixed(0)} KB`.padEnd(13) + `≤ 150 KB ${w.kb <= 150 ? "met" : "MISSED"}  (${w.scripts} scripts)`);
    console.log(`npm start (PGlite): host + console RSS, ${PODS} pods cached, idle`.padEnd(56) + `${embeddedRss!.toFixed(0)} MB`.padEnd(13) + `≤ 600 MB ${embeddedRss! <= 600 ? "met" : "MISSED"}`);
    console.log(`  (the host process with the embedded database ${embeddedHostRss!.toFixed(0)} MB, the console ${(embeddedRss! - embeddedHostRss!).toFixed(0)} MB)`);
    for (const l of embeddedLoads) console.log(`npm start (PGlite): ${l.target.path.replace(ns, "<ns>")} with a token`.padEnd(56) + `${l.rps.toFixed(0)} req/s`.padEnd(13) + `p99 ${l.p99ms.toFixed(0)} ms (≥ 500: ${l.rps >= 500 ? "met" : "MISSED"})${l.errors ? `  ${l.errors}` : ""}`);
    const buildRatio = builds.first / builds.raw;
    const againRatio = builds.again / builds.first;
    const growth = builds.peak - builds.idle;
    console.log(`raw push of the same 50 MB (sha256 + upload, median of 3)`.padEnd(56) + `${builds.raw.toFixed(0)} ms`.padEnd(13));
    console.log(`Berth: 50 MB jar → image (the build, median of 3)`.padEnd(56) + `${builds.first.toFixed(0)} ms`.padEnd(13));
    console.log(`  (with the upload to Berth before it: ${builds.total.toFixed(0)} ms end to end)`);
    console.log(`ratio Berth build / raw push`.padEnd(56) + `${buildRatio.toFixed(2)}×`.padEnd(13) + `≤ 1.5×   ${buildRatio <= 1.5 ? "met" : "MISSED"}`);
    console.log(`the same build again (layer already in the registry)`.padEnd(56) + `${builds.again.toFixed(0)} ms`.padEnd(13));
    console.log(`ratio again / first`.padEnd(56) + `${againRatio.toFixed(2)}×`.padEnd(13) + `≤ 0.2×   ${againRatio <= 0.2 ? "met" : "MISSED"}`);
    console.log(`RSS growth building a 500 MB jar (${(builds.bigMs / 1000).toFixed(1)} s)`.padEnd(56) + `${growth.toFixed(0)} MB`.padEnd(13) + `≤ 64 MB  ${growth <= 64 ? "met" : "MISSED"}`);
    console.log(`  (idle ${builds.idle.toFixed(0)} MB, peak ${builds.peak.toFixed(0)} MB; rounds raw ${builds.rounds.raws.map((x) => x.toFixed(0)).join("/")}, first ${builds.rounds.firsts.map((x) => x.toFixed(0)).join("/")}, again ${builds.rounds.agains.map((x) => x.toFixed(0)).join("/")} ms)`);
  } finally {
    // a kept cluster must not pile up 5,000 pods per run (3 nodes hold 6,000)
    for (const name of benchNamespaces) await core.deleteNamespace({ name }).catch(() => undefined);
    await browser.close();
    server.kill("SIGTERM");
    await db.stop();
    if (!process.env.BERTH_BENCH_KEEP_CLUSTER) await down({ quiet: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
