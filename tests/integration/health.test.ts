// /healthz and /readyz of the served console, with good and with broken configuration.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { serveConsole, waitForHttp } from "../../scripts/next";
import { TEST_DIST_DIR } from "../setup/global";
import { loggedIn as loggedInAt } from "../../scripts/http-client";
import { createUser } from "../support/users";

const loggedInAs = (url: string, u: { email: string; password: string }) => loggedInAt(url, u.email, u.password);

const base = inject("baseUrl");
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill("SIGTERM")));

/** A second console process, from the tests' build, with the given (broken) environment; `log()` is what it printed. */
async function serveWith(env: Record<string, string | undefined>) {
  const port = await freePort();
  const child = serveConsole({ ...process.env, BERTH_NEXT_DIST_DIR: TEST_DIST_DIR, NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: `http://localhost:${port}`, ...env }, port, "pipe");
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://localhost:${port}`;
  await waitForHttp(`${url}/healthz`, 30_000);
  return Object.assign(url, { log: () => out });
}

describe("health endpoints", () => {
  it("/healthz says the process is up", async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ok" });
  });

  it("/readyz says ready to anyone, and what it checked only to platform admins", async () => {
    const r = await fetch(`${base}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ready: true }); // no apiserver address, no database name
    const admin = await createUser({ platformAdmin: true });
    const body = (await (await loggedInAs(base, admin)).call("GET", "/readyz")).body;
    expect(body).toMatchObject({ ready: true, database: { ok: true }, cluster: { ok: true } });
    expect(body.cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const dev = await createUser();
    expect((await (await loggedInAs(base, dev)).call("GET", "/readyz")).body).toEqual({ ready: true });
  });

  it("says exactly what is wrong with a bad kubeconfig and a wrong DATABASE_URL, without a stack trace", async () => {
    const deadPort = await freePort();
    const url = await serveWith({
      KUBECONFIG: "/nonexistent/kubeconfig",
      DATABASE_URL: `postgresql://berth:berth@127.0.0.1:${deadPort}/berth`,
      BERTH_CLUSTER_DIR: undefined,
    });
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ ready: false });
    // nobody can sign in without the database: the operator reads why in the console's log
    await expect.poll(() => url.log(), { timeout: 5000 }).toContain('"msg":"not ready"');
    const line = JSON.parse(url.log().split("\n").find((l) => l.includes('"msg":"not ready"'))!) as { database: string; cluster: string; service: string };
    expect(line.service).toBe("berth");
    expect(line.database).toBe(`cannot reach the database at 127.0.0.1:${deadPort}/berth: no database server answers there (is PostgreSQL running?)`);
    expect(line.cluster).toContain("/nonexistent/kubeconfig");
    expect(url.log()).not.toMatch(/\n\s+at /);

    // The login page still renders; it does not crash on the missing database.
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Sign in to Berth");
  });

  it("reports an unreachable cluster server with the server address and the reason", async () => {
    const deadPort = await freePort();
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const os = await import("node:os");
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-kc-"));
    const kc = path.join(dir, "kubeconfig");
    writeFileSync(
      kc,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:${deadPort}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n`,
    );
    const url = await serveWith({ KUBECONFIG: kc, DATABASE_URL: inject("databaseUrl") });
    const body = (await (await loggedInAs(url, await createUser({ platformAdmin: true }))).call("GET", "/readyz")).body;
    expect(body.database).toEqual({ ok: true });
    expect(body.cluster).toEqual({ ok: false, server: `https://127.0.0.1:${deadPort}`, reason: `cannot reach the cluster at https://127.0.0.1:${deadPort}: connection refused (is the cluster running?)` });
  });
});
