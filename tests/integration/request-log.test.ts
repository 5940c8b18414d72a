// The console's log: one JSON line per request with its id (also in the x-request-id header and
// in every API error), at LOG_LEVEL; never a cookie, token or password, whatever was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedIn, signIn } from "../../scripts/http-client";
import { freePort } from "@/lib/db/embedded";
import { serveConsole, waitForHttp } from "../../scripts/next";
import { TEST_DIST_DIR } from "../setup/global";
import { inject } from "vitest";
import type { ChildProcess } from "node:child_process";
import { createUser } from "../support/users";

let url: string;
let child: ChildProcess;
let out = "";

beforeAll(async () => {
  const port = await freePort();
  url = `http://localhost:${port}`;
  child = serveConsole({ ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", BERTH_NEXT_DIST_DIR: TEST_DIST_DIR, DATABASE_URL: inject("databaseUrl"), BERTH_SECRET_KEY: inject("secretKey"), BERTH_CLUSTER_DIR: inject("clusterDir"), NEXTAUTH_SECRET: inject("nextauthSecret"), NEXTAUTH_URL: url }, port, "pipe");
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  await waitForHttp(`${url}/healthz`, 60_000);
});
afterAll(() => child?.kill("SIGKILL"));

const lines = () => out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the request log", () => {
  it("has one JSON line per request with the id the answer carries; errors quote it", async () => {
    const r = await fetch(`${url}/api/me`);
    const id = r.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await r.json()).error.requestId).toBe(id);
    await expect.poll(() => lines().find((l) => l.reqId === id), { timeout: 5000 }).toMatchObject({ method: "GET", path: "/api/me", status: 401, service: "berth" });
    // an id a proxy in front already gave is kept
    const traced = await fetch(`${url}/healthz`, { headers: { "x-request-id": "proxy-trace-0001" } });
    expect(traced.headers.get("x-request-id")).toBe("proxy-trace-0001");
  });

  it("shows the request's id on the page-not-found page, in the person's language", async () => {
    const r = await fetch(`${url}/no-such-page`, { headers: { "accept-language": "zh-CN" } });
    expect(r.status).toBe(404);
    const id = r.headers.get("x-request-id")!;
    const html = await r.text();
    expect(html).toContain("页面不存在");
    expect(html).toMatch(new RegExp(`data-testid="request-id">${id}<`));
    await expect.poll(() => lines().find((l) => l.reqId === id), { timeout: 5000 }).toMatchObject({ path: "/no-such-page", status: 404 });
  });

  it("never writes a password, a session cookie or a token", async () => {
    const u = await createUser();
    await signIn(url, u.email, "a-wrong-password-XYZ", "198.51.100.95");
    const s = await loggedIn(url, u.email, u.password);
    const token = (await s.call("POST", "/api/tokens", { name: "logged?" })).body.token as string;
    await fetch(`${url}/api/me?token=${token}`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 500));
    for (const secret of [u.password, "a-wrong-password-XYZ", token, s.cookie.split("=")[1]]) expect(out).not.toContain(secret);
    expect(lines().some((l) => l.path === "/api/auth/callback/credentials")).toBe(true);
  });
});
