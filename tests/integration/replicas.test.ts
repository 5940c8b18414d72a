// Two console processes on one database and one cluster behave as one console: a session made
// on one works on the other, what one writes the other shows, a sign-out everywhere on one ends
// the session on both, and one killed in the middle of an install leaves nothing the other
// cannot finish (the install is rolled back when the other reads it past its deadline).
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, loggedIn } from "../../scripts/http-client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { extraConsole, killConsole, stopExtraConsoles } from "../support/console";
import { teamWithNamespace } from "../support/teams";
import { holdingWebhook } from "../support/webhook";

const SHORT = { BERTH_RELEASE_APPLY_DEADLINE_MS: "3000" };
let one: Awaited<ReturnType<typeof extraConsole>>;
let two: Awaited<ReturnType<typeof extraConsole>>;
let t: Awaited<ReturnType<typeof teamWithNamespace>>;
let webhook: Awaited<ReturnType<typeof holdingWebhook>> | undefined;

beforeAll(async () => {
  t = await teamWithNamespace();
  [one, two] = await Promise.all([extraConsole(SHORT), extraConsole(SHORT)]);
}, 120_000);
afterAll(async () => {
  await webhook?.remove();
  await stopExtraConsoles();
});

describe("two console replicas", () => {
  it("share sessions, and what one writes the other shows", async () => {
    const onOne = await loggedIn(one.url, t.user.email, t.user.password);
    const onTwo = client(two.url, { cookie: onOne.cookie }); // the same browser, sent to the other replica
    expect((await onTwo.call("GET", "/api/me")).body.user.email).toBe(t.user.email);
    expect((await onTwo.call("POST", `/api/namespaces/${t.namespace}/apps`, { spec: { name: "shared", image: "nginx:1.27", replicas: 1 } })).status).toBe(201);
    await eventually("replica one to show the app", async () => ((await onOne.call("GET", `/api/namespaces/${t.namespace}/apps`)).body.items ?? []).some((a: { name: string }) => a.name === "shared") || undefined);
    // sign out everywhere on one replica: the session ends there at once, and on the other
    // within the bound of its short memory of who is asking (BERTH_AUTH_CACHE_MS, 2 s)
    expect((await onTwo.call("DELETE", "/api/me/sessions")).status).toBe(204);
    expect((await onTwo.call("GET", "/api/me")).status).toBe(401);
    const ended = Date.now();
    await eventually("replica one to refuse the ended session", async () => (await onOne.call("GET", "/api/me")).status === 401 || undefined, 5000, 100);
    expect(Date.now() - ended).toBeLessThan(2500);
  });

  it("refuse a removed member's token on every replica within 2 s", async () => {
    const u = await teamWithNamespace({ role: "developer" });
    const made = await u.member.call("POST", "/api/tokens", { name: "ci", scope: "write", expiresInDays: 1 });
    expect(made.status).toBe(201);
    const onTwo = client(two.url, { token: made.body.token });
    expect((await onTwo.call("GET", `/api/namespaces/${u.namespace}/apps`)).status).toBe(200); // now in replica two's memory
    // removed on another console process
    expect((await u.admin.call("DELETE", `/api/teams/${u.slug}/members/${u.user.id}`)).status).toBe(204);
    const removed = Date.now();
    await eventually("replica two to refuse the removed member", async () => (await onTwo.call("GET", `/api/namespaces/${u.namespace}/apps`)).status === 403 || undefined, 5000, 100);
    expect(Date.now() - removed).toBeLessThan(2500);
  });

  it("lose nothing when one is killed mid-install: the other rolls it back", async () => {
    webhook = await holdingWebhook(t.namespace, "services");
    const onOne = await loggedIn(one.url, t.user.email, t.user.password);
    const onTwo = await loggedIn(two.url, t.user.email, t.user.password);
    void onOne.call("POST", `/api/namespaces/${t.namespace}/releases`, { template: "redis", name: "halfway", values: { expose: "ClusterIP" } }).catch(() => undefined);
    expect(await webhook.held).toBe("halfway");
    // while replica one holds the install, replica two refuses a second operation on it
    expect((await onTwo.call("PUT", `/api/namespaces/${t.namespace}/releases/halfway`, { values: {} })).status).toBe(409);
    await killConsole(one.child);
    await webhook.remove();
    webhook = undefined;
    const gone = await eventually("replica two to roll it back", async () => {
      const r = await onTwo.call("GET", `/api/namespaces/${t.namespace}/releases/halfway`);
      return r.status === 404 ? r : undefined;
    }, 30_000, 500);
    expect(gone.body.error.message).toMatch(/console stopped during the install/);
    const left = await adminKubeConfig().makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: t.namespace, labelSelector: "berth.dev/release=halfway" });
    expect(left.items).toEqual([]);
  });
});
