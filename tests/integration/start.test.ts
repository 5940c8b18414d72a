// `npm start`'s own process (scripts/start.ts) on a fresh state folder: the embedded database
// comes up, migrations run, the first platform admin is made in a process of its own and its
// password printed once, and the console answers and signs that admin in. Started again on
// the same folder, it keeps the data and prints no password. The cluster is the tests' own (KUBECONFIG).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { loggedIn } from "../../scripts/http-client";
import { repo, waitForHttp } from "../../scripts/next";
import { TEST_DIST_DIR } from "../setup/global";

const state = mkdtempSync(path.join(os.tmpdir(), "berth-start-"));
let running: ChildProcess | undefined;
afterAll(async () => {
  running?.kill("SIGKILL");
  rmSync(state, { recursive: true, force: true });
});

async function start(port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), BERTH_STATE_DIR: state, BERTH_NEXT_DIST_DIR: TEST_DIST_DIR, KUBECONFIG: path.join(inject("clusterDir"), "berth.kubeconfig"), BERTH_ADMIN_EMAIL: "first@berth.test" };
  delete env.DATABASE_URL;
  delete env.BERTH_DB_POOL;
  delete env.NEXTAUTH_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: repo, env, stdio: ["ignore", "pipe", "inherit"] });
  running = child;
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  await waitForHttp(`http://localhost:${port}/healthz`, 120_000);
  return { child, out: () => out };
}

async function stop(child: ChildProcess) {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM"); // start.ts stops the console, then the database
  await gone;
}

describe("npm start", () => {
  it("makes the first admin once, prints the password once, and serves a console that signs them in", async () => {
    const port = await freePort();
    const first = await start(port);
    const password = /password: (\S+)/.exec(first.out())?.[1];
    expect(first.out()).toContain("first platform admin created");
    expect(password).toMatch(/^\S{12,}$/);
    const admin = await loggedIn(`http://localhost:${port}`, "first@berth.test", password!);
    const me = await admin.call("GET", "/api/me");
    expect(me.body.user.email).toBe("first@berth.test");
    await stop(first.child);
    expect(existsSync(path.join(state, "pglite"))).toBe(true);

    const again = await start(port);
    expect(again.out()).not.toContain("first platform admin created"); // shown only once
    expect((await loggedIn(`http://localhost:${port}`, "first@berth.test", password!).then((c) => c.call("GET", "/api/me"))).status).toBe(200); // the data was kept
    await stop(again.child);
  }, 300_000);
});
