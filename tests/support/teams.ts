// A team with a namespace and an owner, made through Berth's own API.
import { expect } from "vitest";
import { CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { adminKubeConfig, uniqueName } from "./cluster";
import { loggedIn, type Client } from "./http";
import { createUser } from "./users";

/** The namespace annotation that puts a namespace's pods on the real node (the test cluster defaults to simulated ones). */
export const REAL_NODE_ANNOTATION = { "scheduler.alpha.kubernetes.io/node-selector": "berth.dev/node=real" };

export async function teamWithNamespace(opts: { pods?: number; role?: "owner" | "developer" | "viewer"; realNode?: boolean } = {}) {
  const a = await createUser({ platformAdmin: true });
  const admin = await loggedIn(a.email, a.password);
  const slug = uniqueName("t");
  const namespace = `${slug}-ns`;
  const u = await createUser();
  expect((await admin.call("POST", "/api/teams", { slug, name: slug })).status).toBe(201);
  expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: u.email, role: opts.role ?? "developer" })).status).toBe(201);
  const ns = await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: namespace, limits: { quota: { cpu: "64", memory: "128Gi", pods: opts.pods ?? 50 } } });
  expect(ns.status).toBe(201);
  if (opts.realNode) {
    await adminKubeConfig().makeApiClient(CoreV1Api).patchNamespace({ name: namespace, body: { metadata: { annotations: REAL_NODE_ANNOTATION } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
  }
  const member: Client = await loggedIn(u.email, u.password);
  return { slug, namespace, admin, member, user: u };
}

/**
 * After a file that ran things on the real node: its namespace deleted, so the next files
 * find the node's 2 CPUs free again (every container requests 100m by default).
 */
export async function freeRealNode(namespace: string) {
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  // wait for its containers to stop, so their shutdown does not load the machine under the next file
  const until = Date.now() + 90_000;
  while (Date.now() < until && (await core.listNamespacedPod({ namespace, limit: 1 }).then((l) => l.items.length > 0, () => false))) await new Promise((r) => setTimeout(r, 1000));
}
