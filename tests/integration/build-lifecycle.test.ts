// A build's life beyond success: cancelled while it runs (its work stops), and a console
// that stops mid-build (a real console process, killed with SIGKILL) leaves no build
// "Running" — the next console to start marks it Failed with the reason.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loggedIn } from "../../scripts/http-client";
import { eventually } from "../support/cluster";
import { extraConsole, killConsole, stopExtraConsoles } from "../support/console";
import { teamWithNamespace } from "../support/teams";

const sockets: net.Socket[] = [];
/** A "Git server" that accepts connections and never answers: the build stays in "cloning". */
const hanging = net.createServer((s) => sockets.push(s));
afterAll(async () => {
  await stopExtraConsoles();
  sockets.forEach((s) => s.destroy());
  hanging.close();
});

let gitPort = 0;
const gitProcesses = () => execFileSync("pgrep", ["-f", `git.*127.0.0.1:${gitPort}/`], { encoding: "utf8" }).split("\n").filter(Boolean).length;
const safeCount = () => {
  try {
    return gitProcesses();
  } catch {
    return 0; // pgrep exits 1 when there is none
  }
};

describe("cancelling a build", () => {
  it("stops it: Cancelled with who did it, its git process gone, its files removed", async () => {
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    gitPort = (hanging.address() as net.AddressInfo).port;
    const t = await teamWithNamespace();
    const form = new FormData();
    for (const [k, v] of Object.entries({ source: "git", gitUrl: `http://127.0.0.1:${gitPort}/cancel.git`, image: "cancel:v1" })) form.append(k, v);
    const r = await t.member.call("POST", `/api/namespaces/${t.namespace}/builds`, form);
    expect(r.status).toBe(201);
    await eventually("the build to be cloning", async () => (await t.member.call("GET", `/api/namespaces/${t.namespace}/builds/${r.body.id}`)).body.status === "Running" && safeCount() > 0);
    const c = await t.member.call("DELETE", `/api/namespaces/${t.namespace}/builds/${r.body.id}`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: "Cancelled", error: `Cancelled by ${t.user.email}.` });
    await eventually("the git process to end", async () => safeCount() === 0, 10_000);
    await eventually("its temporary files to be removed", async () => readdirSync(inject("buildDir")).length === 0, 10_000);
    const again = await t.member.call("DELETE", `/api/namespaces/${t.namespace}/builds/${r.body.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`Build ${r.body.id} has already finished (Cancelled).`);
  });
});

describe("a console restart during a build", () => {
  it("marks the interrupted build Failed, saying why", async () => {
    const t = await teamWithNamespace();

    const first = await extraConsole();
    const dev = await loggedIn(first.url, t.user.email, t.user.password);
    const form = new FormData();
    for (const [k, v] of Object.entries({ source: "git", gitUrl: `http://127.0.0.1:${gitPort}/app.git`, image: "stuck:v1" })) form.append(k, v);
    const r = await dev.call("POST", `/api/namespaces/${t.namespace}/builds`, form);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await eventually("the build to be cloning", async () => {
      const b = await dev.call("GET", `/api/namespaces/${t.namespace}/builds/${r.body.id}`);
      return b.body.status === "Running" && b.body.steps.some((s: { name: string }) => s.name === "cloning");
    });

    await killConsole(first.child);
    await extraConsole(); // the next console to start sweeps

    const b = await eventually("the build to be marked Failed", async () => {
      const x = await t.member.call("GET", `/api/namespaces/${t.namespace}/builds/${r.body.id}`);
      return x.body.status === "Failed" ? x.body : undefined;
    }, 30_000);
    expect(b.error).toBe("The console stopped while this build was running; start it again.");
    expect(b.finishedAt).toBeTruthy();
  });
});
