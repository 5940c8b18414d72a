// A console killed (SIGKILL, a real process) in the middle of installing a marketplace app: the
// install is held mid-apply by a real admission webhook, so the kill lands after some objects
// exist and before the rest. The next console to start rolls it back: no release left
// "applying", none of its objects left in the namespace.
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loggedIn } from "../../scripts/http-client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { extraConsole, killConsole, stopExtraConsoles } from "../support/console";
import { teamWithNamespace } from "../support/teams";
import { holdingWebhook } from "../support/webhook";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
let webhook: Awaited<ReturnType<typeof holdingWebhook>> | undefined;
afterAll(async () => {
  await webhook?.remove();
  await stopExtraConsoles();
});

/** The apply deadline of these consoles: an apply older than this was interrupted. */
const SHORT = { BERTH_RELEASE_APPLY_DEADLINE_MS: "3000" };

const leftovers = async (namespace: string, release: string) => {
  const labelSelector = `berth.dev/release=${release}`;
  const lists = await Promise.all([
    core.listNamespacedConfigMap({ namespace, labelSelector }),
    core.listNamespacedSecret({ namespace, labelSelector }),
    core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector }),
    core.listNamespacedService({ namespace, labelSelector }),
    apps.listNamespacedDeployment({ namespace, labelSelector }),
  ]);
  return lists.flatMap((l) => l.items.map((o) => `${o.kind ?? ""}${o.metadata!.name}`));
};

describe("a console killed in the middle of an install", () => {
  it("is rolled back by the next console to start: nothing left applying, no objects left", async () => {
    const t = await teamWithNamespace();
    webhook = await holdingWebhook(t.namespace, "services");

    const first = await extraConsole(SHORT);
    const dev = await loggedIn(first.url, t.user.email, t.user.password);
    const install = dev.call("POST", `/api/namespaces/${t.namespace}/releases`, { template: "redis", name: "crashed", values: { expose: "ClusterIP" } }).catch((e: Error) => e);
    expect(await webhook.held).toBe("crashed");
    // mid-apply: the release is held, its first objects exist, its Service does not
    const row = await db().release.findUniqueOrThrow({ where: { namespace_name: { namespace: t.namespace, name: "crashed" } } });
    expect(row.phase).toBe("applying");
    const before = await leftovers(t.namespace, "crashed");
    expect(before.length).toBeGreaterThan(0);
    expect((await core.listNamespacedService({ namespace: t.namespace, labelSelector: "berth.dev/release=crashed" })).items).toEqual([]);

    await killConsole(first.child);
    expect(await install).toBeInstanceOf(Error); // the person's request died with the console
    await webhook.remove();
    webhook = undefined;

    // the next console starts once the interrupted apply is past its deadline, and sweeps at start
    await new Promise((r) => setTimeout(r, Math.max(0, row.deadline!.getTime() - Date.now() + 500)));
    await extraConsole(SHORT);
    await eventually("the release to be rolled back", async () => (await db().release.findUnique({ where: { namespace_name: { namespace: t.namespace, name: "crashed" } } })) === null || undefined, 20_000, 500);
    await eventually("its objects to be gone", async () => (await leftovers(t.namespace, "crashed")).length === 0 || undefined, 30_000);
    const r = await t.member.call("GET", `/api/namespaces/${t.namespace}/releases/crashed`);
    expect(r.status).toBe(404);
    // and the name is free again
    const again = await t.member.call("POST", `/api/namespaces/${t.namespace}/releases`, { template: "redis", name: "crashed", values: { expose: "ClusterIP" } });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });
});
