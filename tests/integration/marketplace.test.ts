// The marketplace against the real cluster, its real node and PostgreSQL: curated templates
// seeded at start, installed as releases that really run, upgraded and uninstalled cleanly;
// what other consoles' users complain about (stuck installs, locks, secrets in the clear,
// leftovers, wiped values) each checked; hostile templates refused before anything is applied.
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { loggedIn, type Client } from "../support/http";
import { execIn, redisCli } from "../support/real-node";
import { freeRealNode, teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
let ns: string;
let dev: Client;
let admin: Client;
let viewer: Client;
let outsider: Client;

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  dev = t.member;
  admin = t.admin;
  // a viewer of this team
  const v = await createUser();
  expect((await admin.call("POST", `/api/teams/${t.slug}/members`, { email: v.email, role: "viewer" })).status).toBe(201);
  viewer = await loggedIn(v.email, v.password);
  outsider = (await teamWithNamespace()).member;
}, 600_000);
afterAll(() => freeRealNode(ns));

type Release = { name: string; status: string; reason: string | null; version: string; values: Record<string, unknown>; secrets: string[]; objects: { kind: string; name: string; exists: boolean }[] };

const release = async (name: string): Promise<{ status: number; body: Release & { error?: { message: string } } }> => dev.call("GET", `/api/namespaces/${ns}/releases/${name}`);
const ready = (name: string, timeoutMs = 180_000) =>
  eventually(`release ${name} Ready`, async () => {
    const r = await release(name);
    return r.body.status === "Ready" ? r.body : undefined;
  }, timeoutMs, 1000);
const nodePort = async (svc: string) => (await core.readNamespacedService({ name: svc, namespace: ns })).spec!.ports![0].nodePort!;

describe("the catalog", () => {
  it("has the curated templates, seeded at start, in both languages, with typed parameters", async () => {
    const list = await dev.call("GET", "/api/templates");
    expect(list.status).toBe(200);
    const slugs = list.body.items.map((t: { slug: string }) => t.slug);
    for (const s of ["redis", "nginx", "java-web"]) expect(slugs).toContain(s);
    const redis = list.body.items.find((t: { slug: string }) => t.slug === "redis");
    expect(redis.descriptionZh).toMatch(/内存键值数据库/);
    const detail = await dev.call("GET", "/api/templates/redis");
    expect(detail.body.readmeZh).toContain("redis-server /etc/redis/redis.conf");
    expect(detail.body.versions[0].parameters.properties.password["x-berth"].secret).toBe(true);
    expect((await dev.call("GET", "/api/templates?q=nginx")).body.items.map((t: { slug: string }) => t.slug)).toEqual(["nginx"]);
    expect((await dev.call("GET", "/api/templates/no-such-template")).status).toBe(404);
  });
});

describe("Redis, the seed's way", () => {
  const password = "market-s3cret";
  it("shows the objects it would create, secrets redacted, before the first click", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "redis", name: "cache", values: { password, expose: "NodePort" }, dryRun: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.objects.map((o: { kind: string; name: string; action: string }) => `${o.action} ${o.kind}/${o.name}`)).toEqual(["create Secret/cache-values", "create ConfigMap/cache-config", "create PersistentVolumeClaim/cache-data", "create Deployment/cache", "create Service/cache"]);
    expect(JSON.stringify(r.body)).not.toContain(password);
    expect((await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "berth.dev/release=cache" })).items).toHaveLength(0); // a dry run applies nothing
  });

  it("installs: redis.conf from a ConfigMap, data on a PVC, redis-server /etc/redis/redis.conf, the password through the Secret; redis-cli answers", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "redis", name: "cache", values: { password, expose: "NodePort", maxmemory: "64mb" } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rel = await ready("cache");
    expect(rel.secrets).toEqual(["password"]);
    expect(JSON.stringify(rel)).not.toContain(password);
    const cm = await core.readNamespacedConfigMap({ name: "cache-config", namespace: ns });
    expect(cm.data!["redis.conf"]).toContain("maxmemory 64mb");
    expect(JSON.stringify(cm)).not.toContain(password);
    expect((await core.readNamespacedPersistentVolumeClaim({ name: "cache-data", namespace: ns })).status?.phase).toBe("Bound");
    const d = await apps.readNamespacedDeployment({ name: "cache", namespace: ns });
    expect(d.spec!.template.spec!.containers[0].command!.slice(0, 2)).toEqual(["redis-server", "/etc/redis/redis.conf"]);
    expect(JSON.stringify(d)).not.toContain(password);
    const port = await nodePort("cache");
    const pong = await eventually("PONG", async () => (redisCli(port, ["ping"], password) === "PONG" ? "PONG" : undefined), 30_000);
    expect(pong).toBe("PONG");
    expect(redisCli(port, ["ping"])).toMatch(/NOAUTH/);
    expect(redisCli(port, ["config", "get", "maxmemory"], password)).toBe(`maxmemory\n${64 * 1024 * 1024}`);
    // stored sealed, never in the clear
    const row = await db().release.findUniqueOrThrow({ where: { namespace_name: { namespace: ns, name: "cache" } } });
    expect(row.secretValues).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(password);
    expect(redisCli(port, ["set", "k", "kept"], password)).toBe("OK");
  });

  it("refuses values outside the schema with the field, a taken name with 409, a viewer and another team", async () => {
    const bad = await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "redis", name: "other", values: { maxmemoryPolicy: "whatever", storage: "a lot" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual({ "values.maxmemoryPolicy": "Must be one of: noeviction, allkeys-lru, volatile-lru, allkeys-random", "values.storage": "Must be a size like 512Mi or 1Gi" });
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "redis", name: "cache" })).status).toBe(409);
    expect((await viewer.call("POST", `/api/namespaces/${ns}/releases`, { template: "redis", name: "mine" })).status).toBe(403);
    expect((await viewer.call("GET", `/api/namespaces/${ns}/releases/cache`)).status).toBe(200); // a viewer reads
    expect((await outsider.call("GET", `/api/namespaces/${ns}/releases/cache`)).status).toBe(403);
    expect((await outsider.call("GET", `/api/namespaces/${ns}/releases`)).status).toBe(403);
  });

  it("upgrades a value, keeping the others and the password; a second operation at once gets 409, and no lock outlives a crash", async () => {
    const up = await dev.call("PUT", `/api/namespaces/${ns}/releases/cache`, { values: { maxmemory: "32mb" } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const rel = await ready("cache");
    expect(rel.values).toMatchObject({ maxmemory: "32mb", expose: "NodePort", persistence: true });
    const port = await nodePort("cache");
    await eventually("the new config", async () => redisCli(port, ["config", "get", "maxmemory"], password) === `maxmemory\n${32 * 1024 * 1024}` || undefined, 60_000);
    expect(redisCli(port, ["get", "k"], password)).toBe("kept"); // same password, same data
    // an operation in progress holds the release …
    const row = await db().release.findUniqueOrThrow({ where: { namespace_name: { namespace: ns, name: "cache" } } });
    await db().release.update({ where: { id: row.id }, data: { phase: "applying", deadline: new Date(Date.now() + 60_000) } });
    const busy = await dev.call("PUT", `/api/namespaces/${ns}/releases/cache`, { values: { maxmemory: "48mb" } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toMatch(/Another operation on cache is in progress/);
    // … until its deadline: a console that died mid-operation leaves no lock behind
    await db().release.update({ where: { id: row.id }, data: { phase: "applying", deadline: new Date(Date.now() - 1000), action: "upgrade" } });
    const failed = await release("cache");
    expect(failed.body.status).toBe("Failed");
    expect(failed.body.reason).toMatch(/console stopped during the upgrade/);
    expect((await dev.call("PUT", `/api/namespaces/${ns}/releases/cache`, { values: { maxmemory: "48mb" } })).status).toBe(200);
    const both = await Promise.all([1, 2].map((i) => dev.call("PUT", `/api/namespaces/${ns}/releases/cache`, { values: { maxmemory: `${i}6mb` } })));
    expect(both.map((b) => b.status).sort()).toContain(200);
    expect(both.every((b) => b.status === 200 || b.status === 409)).toBe(true);
  });

  it("uninstalls exactly what it created, keeping the data volume unless asked", async () => {
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/releases/cache`, { confirm: "nope" })).status).toBe(400);
    const r = await dev.call("DELETE", `/api/namespaces/${ns}/releases/cache`, { confirm: "cache" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.keptVolumes).toEqual(["cache-data"]);
    await eventually("everything but the PVC gone", async () => {
      const left = await Promise.all([core.listNamespacedConfigMap({ namespace: ns, labelSelector: "berth.dev/release=cache" }), core.listNamespacedSecret({ namespace: ns, labelSelector: "berth.dev/release=cache" }), core.listNamespacedService({ namespace: ns, labelSelector: "berth.dev/release=cache" }), apps.listNamespacedDeployment({ namespace: ns, labelSelector: "berth.dev/release=cache" }), core.listNamespacedPod({ namespace: ns, labelSelector: "berth.dev/release=cache" })]);
      return left.every((l) => l.items.length === 0) || undefined;
    }, 60_000);
    expect((await core.listNamespacedPersistentVolumeClaim({ namespace: ns, labelSelector: "berth.dev/release=cache" })).items.map((c) => c.metadata!.name)).toEqual(["cache-data"]);
    expect((await release("cache")).status).toBe(404);
  });
});

describe("nginx", () => {
  it("serves the page from the form over HTTP, and uninstall with its data leaves nothing", async () => {
    const page = "<h1>Berth market</h1>";
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "nginx", name: "site", values: { page, expose: "NodePort", replicas: 2 } })).status).toBe(201);
    await ready("site");
    const port = await nodePort("site");
    const res = await eventually("HTTP 200", async () => {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      return r.ok ? r : undefined;
    }, 30_000);
    expect(await res.text()).toBe(page);
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/releases/site`, { confirm: "site", deleteData: true })).body.keptVolumes).toEqual([]);
    await eventually("nothing left", async () => ((await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "berth.dev/release=site" })).items.length === 0 && (await apps.listNamespacedDeployment({ namespace: ns, labelSelector: "berth.dev/release=site" })).items.length === 0) || undefined);
  });
});

describe("a Java web app Berth built", () => {
  it("runs from the image the build pushed and answers HTTP 200", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-web-"));
    mkdirSync(path.join(dir, "src", "demo"), { recursive: true });
    writeFileSync(
      path.join(dir, "src", "demo", "Web.java"),
      'package demo;\nimport com.sun.net.httpserver.HttpServer;\nimport java.net.InetSocketAddress;\npublic class Web { public static void main(String[] a) throws Exception { HttpServer s = HttpServer.create(new InetSocketAddress(8080), 0); s.createContext("/", x -> { byte[] b = "hello from a java web app".getBytes(); x.sendResponseHeaders(200, b.length); x.getResponseBody().write(b); x.close(); }); s.start(); } }\n',
    );
    for (const [cmd, args] of [["javac", ["--release", "17", "-d", "out", "src/demo/Web.java"]], ["jar", ["--create", "--file", "web.jar", "--main-class", "demo.Web", "-C", "out", "."]]] as const) {
      expect(spawnSync(cmd, [...args], { cwd: dir }).status).toBe(0);
    }
    const f = new FormData();
    f.append("source", "artifact");
    f.append("kind", "jar");
    f.append("image", "web:v1");
    f.append("file", new Blob([new Uint8Array(readFileSync(path.join(dir, "web.jar")))]), "web.jar");
    const b = await dev.call("POST", `/api/namespaces/${ns}/builds`, f);
    expect(b.status).toBe(201);
    const built = await eventually("the build", async () => {
      const r = await dev.call("GET", `/api/namespaces/${ns}/builds/${b.body.id}`);
      return r.body.status === "Succeeded" ? r.body : undefined;
    }, 180_000);
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "java-web", name: "shop", values: { image: built.image, expose: "NodePort" } })).status).toBe(201);
    await ready("shop");
    const port = await nodePort("shop");
    const res = await eventually("HTTP 200", async () => {
      const r = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      return r?.ok ? r : undefined;
    }, 30_000);
    expect(await res.text()).toBe("hello from a java web app");
  });
});

describe("templates made by admins", () => {
  const params = { type: "object", properties: { greeting: { type: "string", default: "hi" } } };
  const twoParts = (extra: boolean) => `apiVersion: v1
kind: ConfigMap
metadata: { name: "{{release.name}}-a" }
data: { greeting: "{{values.greeting}}", env: "[{{process.env.DATABASE_URL}}][{{process.env.NEXTAUTH_SECRET}}]" }
${extra ? `---
apiVersion: v1
kind: ConfigMap
metadata: { name: "{{release.name}}-b" }
data: { note: dropped in 2.0.0 }
` : ""}`;

  it("refuses a template with cluster-wide objects, at creation and at install, before anything is applied", async () => {
    const role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: '{{release.name}}-all' }\nrules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: '{{release.name}}-x' }\n";
    const created = await admin.call("POST", "/api/templates", { slug: "takeover", name: "Takeover", category: "other", version: "1.0.0", parameters: params, manifests: role });
    expect(created.status).toBe(422);
    expect(created.body.error.message).toMatch(/ClusterRole is cluster-wide/);
    expect((await dev.call("POST", "/api/templates", { slug: "mine", name: "Mine", category: "other", version: "1.0.0", parameters: params, manifests: twoParts(false) })).status).toBe(403);
    // one that got into the database some other way is still refused at install
    const t = await db().appTemplate.create({ data: { slug: "sneaky", name: "Sneaky", category: "other", description: "", descriptionZh: "", readme: "", readmeZh: "", icon: "x", maintainer: "x", source: "admin", versions: { create: [{ version: "1.0.0", parameters: params, manifests: role }] } } });
    const r = await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "sneaky", name: "sneaky" });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/cannot be installed here: .*ClusterRole is cluster-wide/);
    expect((await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "berth.dev/release=sneaky" })).items).toHaveLength(0);
    await db().appTemplate.delete({ where: { id: t.id } });
  });

  it("gives template text nothing from the console's environment; an upgrade removes the object the new version dropped", async () => {
    expect((await admin.call("POST", "/api/templates", { slug: "two-parts", name: "Two parts", category: "other", version: "1.0.0", parameters: params, manifests: twoParts(true) })).status).toBe(201);
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "two-parts", name: "tp", values: { greeting: "hello" } })).status).toBe(201);
    const a = await core.readNamespacedConfigMap({ name: "tp-a", namespace: ns });
    expect(a.data).toEqual({ greeting: "hello", env: "[][]" });
    await core.readNamespacedConfigMap({ name: "tp-b", namespace: ns });
    expect((await admin.call("PUT", "/api/templates/two-parts", { version: "2.0.0", parameters: params, manifests: twoParts(false) })).status).toBe(200);
    const list = await dev.call("GET", `/api/namespaces/${ns}/releases`);
    expect(list.body.items.find((i: { name: string }) => i.name === "tp")).toMatchObject({ version: "1.0.0", latest: "2.0.0", upgradeAvailable: true });
    const dry = await dev.call("PUT", `/api/namespaces/${ns}/releases/tp`, { version: "2.0.0", dryRun: true });
    expect(dry.body.removed).toEqual([{ apiVersion: "v1", kind: "ConfigMap", name: "tp-b" }]);
    const up = await dev.call("PUT", `/api/namespaces/${ns}/releases/tp`, { version: "2.0.0", values: { greeting: "bonjour" } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ version: "2.0.0", status: "Ready" });
    expect((await core.readNamespacedConfigMap({ name: "tp-a", namespace: ns })).data!.greeting).toBe("bonjour");
    await eventually("tp-b gone", async () => (await core.listNamespacedConfigMap({ namespace: ns, fieldSelector: "metadata.name=tp-b" })).items.length === 0 || undefined);
  });

  it("rolls back an install that does not become ready by its deadline, or keeps it failed for debugging when asked", async () => {
    const image = "127.0.0.1:1/none/such:image";
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "java-web", name: "broken", values: { image } })).status).toBe(201);
    expect((await release("broken")).body.status).toBe("Installing");
    await db().release.update({ where: { namespace_name: { namespace: ns, name: "broken" } }, data: { deadline: new Date(Date.now() - 1000) } });
    const gone = await release("broken");
    expect(gone.status).toBe(404);
    expect(gone.body.error?.message).toMatch(/was rolled back: It did not become ready in time/);
    await eventually("its Deployment removed", async () => (await apps.listNamespacedDeployment({ namespace: ns, labelSelector: "berth.dev/release=broken" })).items.length === 0 || undefined);

    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "java-web", name: "kept", values: { image }, keepOnFailure: true })).status).toBe(201);
    await db().release.update({ where: { namespace_name: { namespace: ns, name: "kept" } }, data: { deadline: new Date(Date.now() - 1000) } });
    const kept = await release("kept");
    expect(kept.body).toMatchObject({ status: "Failed" });
    expect(kept.body.reason).toMatch(/did not become ready in time/);
    expect((await apps.readNamespacedDeployment({ name: "kept", namespace: ns })).metadata?.name).toBe("kept");
  });
});

describe("the other curated templates, each checked the way a person would", () => {
  it("PostgreSQL answers pg_isready and has its first database", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "postgresql", name: "pg", values: { database: "shop" } })).status).toBe(201);
    await ready("pg");
    expect(await execIn(kc, ns, "pg-0", "postgres", ["pg_isready", "-h", "127.0.0.1", "-U", "postgres"])).toContain("accepting connections");
    expect(await execIn(kc, ns, "pg-0", "postgres", ["sh", "-c", "PGPASSWORD=\"$POSTGRES_PASSWORD\" psql -h 127.0.0.1 -U postgres -d shop -tAc \"select current_database()\""])).toBe("shop\n");
  }, 300_000);

  it("MariaDB answers mysqladmin ping with its generated root password, and its user reaches its database", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "mariadb", name: "db" })).status).toBe(201);
    const rel = await ready("db");
    expect(rel.secrets.sort()).toEqual(["password", "rootPassword"]);
    expect(await execIn(kc, ns, "db-0", "mariadb", ["sh", "-c", 'mariadb-admin -uroot -p"$MARIADB_ROOT_PASSWORD" ping'])).toContain("mysqld is alive");
    expect(await execIn(kc, ns, "db-0", "mariadb", ["sh", "-c", 'mariadb -uapp -p"$MARIADB_PASSWORD" -h 127.0.0.1 app -Nse "select database()"'])).toBe("app\n");
  });

  it("Tomcat answers HTTP 200", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "tomcat", name: "cat", values: { expose: "NodePort" } })).status).toBe(201);
    await ready("cat");
    const port = await nodePort("cat");
    const res = await eventually("HTTP 200", async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.ok || undefined, 60_000);
    expect(res).toBe(true);
  });

  it("WordPress, two workloads in one release, reaches its database and shows its install page", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "wordpress", name: "blog" })).status).toBe(201);
    const rel = await ready("blog", 300_000);
    expect(rel.objects.filter((o) => o.kind === "StatefulSet" || o.kind === "Deployment").map((o) => `${o.kind}/${o.name}`)).toEqual(["StatefulSet/blog-db", "Deployment/blog"]);
    const port = await nodePort("blog");
    const res = await eventually("the install page", async () => {
      const r = await fetch(`http://127.0.0.1:${port}/wp-admin/install.php`).catch(() => undefined);
      return r?.status === 200 ? r : undefined;
    }, 60_000);
    expect(await res.text()).toMatch(/WordPress/);
  }, 400_000);

  it("Memcached serves with the cache size from the form", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "memcached", name: "mc", values: { memoryMb: 32, expose: "NodePort" } })).status).toBe(201);
    await ready("mc");
    const port = await nodePort("mc");
    const stats = await eventually("stats", async () => {
      const r = spawnSync("busybox", ["nc", "127.0.0.1", String(port)], { input: "stats\r\nquit\r\n", encoding: "utf8", timeout: 5000 });
      return r.stdout.includes("STAT limit_maxbytes") ? r.stdout : undefined;
    }, 30_000);
    expect(stats).toContain(`STAT limit_maxbytes ${32 * 1024 * 1024}`);
  });
});

/** A small Helm chart made here: a page from a ConfigMap served by nginx; `extra` adds templates. */
function chart(name: string, opts: { schema?: boolean; extra?: Record<string, string>; version?: string } = {}): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-chart-"));
  const c = path.join(dir, name);
  mkdirSync(path.join(c, "templates"), { recursive: true });
  writeFileSync(path.join(c, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${opts.version ?? "0.1.0"}\ndescription: A page served by nginx, from a chart\n`);
  writeFileSync(path.join(c, "README.md"), `# ${name}\n\nServes .Values.message.\n`);
  writeFileSync(path.join(c, "values.yaml"), opts.schema === false ? "site:\n  message: nested hello\n  replicas: 1\n" : "message: hello from a chart\nreplicas: 1\n");
  if (opts.schema !== false) writeFileSync(path.join(c, "values.schema.json"), JSON.stringify({ type: "object", properties: { message: { type: "string", title: "Message" }, replicas: { type: "integer", minimum: 1, maximum: 3, title: "Replicas" } } }));
  const v = opts.schema === false ? ".Values.site" : ".Values";
  writeFileSync(path.join(c, "templates", "site.yaml"), `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-page
data:
  index.html: {{ ${v}.message | quote }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ ${v}.replicas }}
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
      - name: web
        image: nginx:1
        ports: [{ containerPort: 80 }]
        readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 2 }
        volumeMounts: [{ name: page, mountPath: /var/www/html }]
      volumes:
      - name: page
        configMap: { name: {{ .Release.Name }}-page }
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  type: NodePort
  selector: { app: {{ .Release.Name }} }
  ports: [{ port: 80, targetPort: 80 }]
`);
  for (const [f, text] of Object.entries(opts.extra ?? {})) writeFileSync(path.join(c, "templates", f), text);
  const out = path.join(dir, `${name}.tgz`);
  expect(spawnSync("tar", ["-czf", out, "-C", dir, name]).status).toBe(0);
  return readFileSync(out);
}

async function importChart(client: Client, archive: Buffer, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append("file", new Blob([new Uint8Array(archive)]), "chart.tgz");
  return client.call("POST", "/api/templates/charts", f);
}

describe("Helm charts imported as templates", () => {
  it("turns values.schema.json into the form and the README into the readme; renders with helm template and applies like any release", async () => {
    expect((await importChart(dev, chart("hello"))).status).toBe(403); // platform admins (or a team owner, privately)
    const imported = await importChart(admin, chart("hello"), { category: "web" });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ slug: "hello", category: "web", readme: expect.stringContaining("Serves .Values.message") });
    expect(imported.body.versions[0].parameters.properties.replicas).toMatchObject({ type: "integer", maximum: 3 });
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "hello", name: "hc", values: { replicas: 9 } })).body.error.details.fields).toEqual({ "values.replicas": "Must be at most 3" });
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "hello", name: "hc", values: { message: "rendered by helm" } })).status).toBe(201);
    await ready("hc");
    const cm = await core.readNamespacedConfigMap({ name: "hc-page", namespace: ns });
    expect(cm.metadata?.labels?.["berth.dev/release"]).toBe("hc");
    const port = await nodePort("hc");
    const res = await eventually("HTTP 200", async () => {
      const r = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      return r?.ok ? r : undefined;
    }, 30_000);
    expect(await res.text()).toBe("rendered by helm");
    // the same chart, a new version: an upgrade
    expect((await importChart(admin, chart("hello", { version: "0.2.0" }))).body.versions.map((v: { version: string }) => v.version).sort()).toEqual(["0.1.0", "0.2.0"]);
    const up = await dev.call("PUT", `/api/namespaces/${ns}/releases/hc`, { version: "0.2.0", values: { message: "upgraded" } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect((await core.readNamespacedConfigMap({ name: "hc-page", namespace: ns })).data!["index.html"]).toBe("upgraded");
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/releases/hc`, { confirm: "hc" })).status).toBe(200);
  });

  it("gives a chart with nested values a YAML values editor", async () => {
    const imported = await importChart(admin, chart("nested", { schema: false }));
    expect(imported.status).toBe(201);
    expect(Object.keys(imported.body.versions[0].parameters.properties)).toEqual(["values"]);
    expect(imported.body.versions[0].parameters.properties.values.default).toContain("nested hello");
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "nested", name: "nc", values: { values: "site: [not, a, mapping" } })).status).toBe(400);
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: "nested", name: "nc", values: { values: "site:\n  message: from yaml\n  replicas: 1\n" } })).status).toBe(201);
    expect((await core.readNamespacedConfigMap({ name: "nc-page", namespace: ns })).data!["index.html"]).toBe("from yaml");
    await dev.call("DELETE", `/api/namespaces/${ns}/releases/nc`, { confirm: "nc" });
  });

  it("refuses a chart that makes cluster-wide objects, or is not a chart", async () => {
    const bad = await importChart(admin, chart("grabby", { extra: { "role.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: grab }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: default }]\n" } }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/ClusterRoleBinding is cluster-wide/);
    const notChart = await importChart(admin, Buffer.from("just text"));
    expect(notChart.status).toBe(422);
    expect(notChart.body.error.message).toMatch(/Not a Helm chart archive/);
  });
});
