// App operations for a person: check access to the namespace, then call the
// cluster AS that person (impersonated), and write the audit trail.
import type { KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import { namespaceAccess, type Actor } from "../auth/actor";
import { audit } from "../db/audit";
import { namespaceOwner } from "../db/teams";
import { AppError, isAppError } from "../errors";
import { serviceKubeConfig } from "../k8s/config";
import { deleteApp, listApps, readApp, scaleApp } from "../k8s/deployments";
import { impersonate } from "../k8s/impersonate";
import { summarizeDeployment } from "../domain/app-status";

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});
export const scaleInput = z.object({
  replicas: z.number({ error: "replicas must be a number" }).int("replicas must be a whole number").min(0, "replicas cannot be negative").max(1000, "replicas can be at most 1000"),
  resourceVersion: z.string().max(64).optional(),
});

async function asUser(actor: Actor, namespace: string, need: "read" | "write") {
  const access = await namespaceAccess(actor, namespace, need);
  return { kc: impersonate(serviceKubeConfig(), access.identity), teamId: access.teamId };
}

/** A change in a namespace: access check, the call as the user, and its audit event, denied or not. */
async function audited<T>(actor: Actor, action: string, target: string, detail: string | undefined, fn: (kc: KubeConfig) => Promise<T>, namespace: string): Promise<T> {
  let teamId: string | undefined;
  try {
    const user = await asUser(actor, namespace, "write");
    teamId = user.teamId;
    const out = await fn(user.kc);
    await audit({ actor: actor.user.email, userId: actor.user.id, teamId, action, target, result: "ok", detail });
    return out;
  } catch (e) {
    const denied = isAppError(e) && (e.code === "forbidden" || e.code === "cluster_forbidden");
    teamId ??= (await namespaceOwner(namespace))?.teamId; // a refused attempt belongs to the namespace's team log
    await audit({ actor: actor.user.email, userId: actor.user.id, teamId, action, target, result: denied ? "denied" : "failed", detail: (e as Error).message });
    throw e;
  }
}

export async function listNamespaceApps(actor: Actor, namespace: string, q: z.infer<typeof listQuery>) {
  const { kc } = await asUser(actor, namespace, "read");
  return listApps(kc, namespace, { limit: q.limit, cursor: q.cursor });
}

export async function getApp(actor: Actor, namespace: string, name: string) {
  const { kc } = await asUser(actor, namespace, "read");
  return summarizeDeployment(await readApp(kc, namespace, name));
}

export async function scale(actor: Actor, namespace: string, name: string, input: z.infer<typeof scaleInput>) {
  return audited(actor, "app.scale", `${namespace}/${name}`, `replicas ${input.replicas}`, async (kc) => scaleApp(kc, namespace, name, input.replicas, input.resourceVersion), namespace);
}

export async function remove(actor: Actor, namespace: string, name: string, confirm: string) {
  return audited(actor, "app.delete", `${namespace}/${name}`, undefined, async (kc) => {
    if (confirm !== name) throw new AppError("bad_request", `To delete the app, type its name "${name}" exactly.`);
    await deleteApp(kc, namespace, name);
  }, namespace);
}
