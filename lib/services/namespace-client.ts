// The one place a person's request gets its Kubernetes client for a namespace: access
// checked (team membership and role), then Berth's connection impersonating that person.
import type { KubeConfig } from "@kubernetes/client-node";
import { adminIdentity, namespaceAccess, type Actor } from "../auth/actor";
import { teamGroup } from "../domain/identity";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { serviceKubeConfig } from "../k8s/config";
import { impersonate, type Identity } from "../k8s/impersonate";

export async function namespaceClient(actor: Actor, namespace: string, need: "read" | "write"): Promise<{ kc: KubeConfig; teamId?: string; teamSlug?: string; identity: Identity }> {
  const access = await namespaceAccess(actor, namespace, need);
  return { kc: impersonate(serviceKubeConfig(), access.identity), teamId: access.teamId, teamSlug: access.teamSlug, identity: access.identity };
}

/** A client acting as the person in a team role they hold (for a namespace the request itself just made, say). */
export function teamClient(actor: Actor, teamSlug: string): KubeConfig {
  const m = actor.memberships.find((x) => x.slug === teamSlug);
  if (m) return impersonate(serviceKubeConfig(), { user: actor.user.email, group: teamGroup(m.slug, m.role) });
  if (actor.user.platformAdmin) return impersonate(serviceKubeConfig(), adminIdentity(actor));
  throw new AppError("forbidden", msg("notMember", { team: teamSlug }));
}

/** A client acting as a stored identity (a pipeline runs as the person who made it). */
export function identityClient(identity: Identity): KubeConfig {
  return impersonate(serviceKubeConfig(), identity);
}
