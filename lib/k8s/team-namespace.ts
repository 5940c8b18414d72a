// Creates and updates team namespaces with Berth's own identity (it owns them).
import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";
import { TEAM_LABEL, teamNamespaceManifests, type NamespaceLimits } from "../domain/team-namespace";
import { AppError } from "../errors";
import { clusterServer } from "./config";
import { toAppError } from "./errors";
import { msg } from "../domain/messages";

export async function createTeamNamespace(kc: KubeConfig, teamSlug: string, name: string, limits: NamespaceLimits) {
  const m = teamNamespaceManifests(teamSlug, name, limits);
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const server = clusterServer(kc);
  try {
    await core.createNamespace({ body: m.namespace });
  } catch (e) {
    const err = toAppError(e, server);
    if (err.code === "conflict") throw new AppError("conflict", msg("namespaceExistsInCluster", { namespace: name }));
    throw err;
  }
  try {
    await core.createNamespacedResourceQuota({ namespace: name, body: m.quota });
    await core.createNamespacedLimitRange({ namespace: name, body: m.limitRange });
    for (const rb of m.roleBindings) await rbac.createNamespacedRoleBinding({ namespace: name, body: rb });
  } catch (e) {
    // Nothing half-applied: a namespace without its RoleBindings would be useless to the team.
    await core.deleteNamespace({ name }).catch(() => undefined);
    throw toAppError(e, server);
  }
  return m;
}

export async function updateNamespaceLimits(kc: KubeConfig, teamSlug: string, name: string, limits: NamespaceLimits) {
  const m = teamNamespaceManifests(teamSlug, name, limits);
  const core = kc.makeApiClient(CoreV1Api);
  try {
    const ns = await core.readNamespace({ name });
    if (ns.metadata?.labels?.[TEAM_LABEL] !== teamSlug) throw new AppError("forbidden", `Namespace "${name}" is not managed for team "${teamSlug}".`);
    const q = await core.readNamespacedResourceQuota({ name: "berth-quota", namespace: name });
    await core.replaceNamespacedResourceQuota({ name: "berth-quota", namespace: name, body: { ...m.quota, metadata: { ...m.quota.metadata, resourceVersion: q.metadata?.resourceVersion } } });
    const lr = await core.readNamespacedLimitRange({ name: "berth-defaults", namespace: name });
    await core.replaceNamespacedLimitRange({ name: "berth-defaults", namespace: name, body: { ...m.limitRange, metadata: { ...m.limitRange.metadata, resourceVersion: lr.metadata?.resourceVersion } } });
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

/** Reads back the quota and defaults of a team namespace for the edit form. */
export async function readNamespaceLimits(kc: KubeConfig, name: string): Promise<NamespaceLimits | undefined> {
  const core = kc.makeApiClient(CoreV1Api);
  try {
    const q = await core.readNamespacedResourceQuota({ name: "berth-quota", namespace: name });
    const lr = await core.readNamespacedLimitRange({ name: "berth-defaults", namespace: name });
    const c = lr.spec?.limits?.find((l) => l.type === "Container");
    return {
      quota: { cpu: q.spec?.hard?.["requests.cpu"] ?? "", memory: q.spec?.hard?.["requests.memory"] ?? "", pods: Number(q.spec?.hard?.pods ?? 0), storage: q.spec?.hard?.["requests.storage"] ?? "" },
      defaults: { cpuRequest: c?.defaultRequest?.cpu ?? "", memoryRequest: c?.defaultRequest?.memory ?? "", cpuLimit: c?._default?.cpu ?? "", memoryLimit: c?._default?.memory ?? "" },
    };
  } catch (e) {
    const err = toAppError(e, clusterServer(kc));
    if (err.code === "not_found") return undefined;
    throw err;
  }
}
