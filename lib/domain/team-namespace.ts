// What Berth puts in a team namespace (KubeSphere's "project"): the Namespace with
// labels, a ResourceQuota and a LimitRange with editable defaults, and RoleBindings
// granting the team's groups the built-in admin / edit / view ClusterRoles
// (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles).
import { z } from "zod";
import type { V1LimitRange, V1Namespace, V1ResourceQuota, V1RoleBinding } from "@kubernetes/client-node";
import { teamGroup } from "./identity";
import { isQuantity } from "./quantity";
import { dnsLabel, namespaceName } from "./names";
import { msg, type MessageKey } from "./messages";

export const MANAGED_BY = { "app.kubernetes.io/managed-by": "berth" } as const;
export const TEAM_LABEL = "berth.dev/team";

const quantity = (what: MessageKey) => z.string().trim().refine(isQuantity, msg("quantity", { what: msg(what) }));

export const namespaceLimits = z.object({
  quota: z
    .object({
      cpu: quantity("cpuQuota").default("8"),
      memory: quantity("memoryQuota").default("16Gi"),
      pods: z.coerce.number().int().min(1, msg("podsQuota")).max(10_000).default(100),
      storage: quantity("storageQuota").default("50Gi"),
    })
    .prefault({}),
  defaults: z
    .object({
      cpuRequest: quantity("defaultCpuRequest").default("100m"),
      memoryRequest: quantity("defaultMemoryRequest").default("128Mi"),
      cpuLimit: quantity("defaultCpuLimit").default("500m"),
      memoryLimit: quantity("defaultMemoryLimit").default("512Mi"),
    })
    .prefault({}),
});
export type NamespaceLimits = z.infer<typeof namespaceLimits>;

/** A new team namespace; `cluster` names the cluster it goes on (default: the console's own). */
export const createNamespaceInput = z.object({ name: namespaceName, cluster: dnsLabel("clusterName").optional(), limits: namespaceLimits.prefault({}) });

/** Role in the team → the ClusterRole its group is bound to in team namespaces. */
export const ROLE_BINDINGS = { owner: "admin", developer: "edit", viewer: "view" } as const;

export function teamNamespaceManifests(teamSlug: string, name: string, limits: NamespaceLimits) {
  const labels = { ...MANAGED_BY, [TEAM_LABEL]: teamSlug };
  const namespace: V1Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
  const quota: V1ResourceQuota = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "berth-quota", namespace: name, labels },
    spec: { hard: { "requests.cpu": limits.quota.cpu, "requests.memory": limits.quota.memory, "limits.cpu": limits.quota.cpu, "limits.memory": limits.quota.memory, pods: String(limits.quota.pods), "requests.storage": limits.quota.storage } },
  };
  const limitRange: V1LimitRange = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "berth-defaults", namespace: name, labels },
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: limits.defaults.cpuRequest, memory: limits.defaults.memoryRequest },
          _default: { cpu: limits.defaults.cpuLimit, memory: limits.defaults.memoryLimit },
        },
      ],
    },
  };
  const roleBindings: V1RoleBinding[] = (Object.keys(ROLE_BINDINGS) as (keyof typeof ROLE_BINDINGS)[]).map((role) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: `berth-${role}`, namespace: name, labels },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: ROLE_BINDINGS[role] },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: teamGroup(teamSlug, role) }],
  }));
  return { namespace, quota, limitRange, roleBindings };
}
