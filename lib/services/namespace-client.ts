// The one place a person's request gets its Kubernetes client for a namespace: access
// checked (team membership and role; a change only while the namespace's cluster answers), then Berth's connection to the namespace's cluster
// (lib/services/clusters.ts) impersonating that person.
import type { KubeConfig } from "@kubernetes/client-node";
import { adminIdentity, namespaceAccess, type Actor } from "../auth/actor";
import { teamGroup } from "../domain/identity";
import { msg } from "../domain/messages";
import { audit, auditRefusal } from "../db/audit";
import { namespaceOwner } from "../db/teams";
import { AppError, isAppError } from "../errors";
import { impersonate, type Identity } from "../k8s/impersonate";
import { assertWritable, namespaceKubeConfig } from "./clusters";

export async function namespaceClient(actor: Actor, namespace: string, need: "read" | "write"): Promise<{ kc: KubeConfig; teamId?: string; teamSlug?: string; identity: Identity }> {
  const access = await namespaceAccess(actor, namespace, need);
  if (need === "write") await assertWritable(namespace);
  return { kc: impersonate(await namespaceKubeConfig(namespace), access.identity), teamId: access.teamId, teamSlug: access.teamSlug, identity: access.identity };
}

/**
 * A change in a namespace: access check (write), the call as the person, and its audit
 * event, refused or not. A dry run checks and calls the same way but is not a change, so
 * it leaves no audit event.
 */
export async function audited<T>(actor: Actor, namespace: string, action: string, target: string, detail: string | undefined, fn: (kc: KubeConfig) => Promise<T>, opts: { dryRun?: boolean } = {}): Promise<T> {
  if (opts.dryRun) return fn((await namespaceClient(actor, namespace, "write")).kc);
  let teamId: string | undefined;
  try {
    const user = await namespaceClient(actor, namespace, "write");
    teamId = user.teamId;
    const out = await fn(user.kc);
    await audit({ actor: actor.user.email, userId: actor.user.id, teamId, action, target: `${namespace}/${target}`, namespace, result: "ok", detail });
    return out;
  } catch (e) {
    const denied = isAppError(e) && (e.code === "forbidden" || e.code === "cluster_forbidden");
    teamId ??= (await namespaceOwner(namespace))?.teamId; // a refused attempt belongs to the namespace's team log
    const event = { actor: actor.user.email, userId: actor.user.id, teamId, action, target: `${namespace}/${target}`, namespace, detail: `${detail ? `${detail}: ` : ""}${(e as Error).message}` };
    await (denied ? auditRefusal({ ...event, source: `user:${actor.user.id}` }) : audit({ ...event, result: "failed" }));
    throw e;
  }
}

/** A client on a team namespace's cluster acting as the person in a team role they hold (for a namespace the request itself just made, say). */
export async function teamClient(actor: Actor, teamSlug: string, namespace: string): Promise<KubeConfig> {
  const m = actor.memberships.find((x) => x.slug === teamSlug);
  if (m) return impersonate(await namespaceKubeConfig(namespace), { user: actor.user.email, group: teamGroup(m.slug, m.role) });
  if (actor.user.platformAdmin) return impersonate(await namespaceKubeConfig(namespace), adminIdentity(actor));
  throw new AppError("forbidden", msg("notMember", { team: teamSlug }));
}

/** A client on a namespace's cluster acting as a stored identity (a pipeline runs as the person who made it). */
export async function identityClient(identity: Identity, namespace: string): Promise<KubeConfig> {
  return impersonate(await namespaceKubeConfig(namespace), identity);
}
