// What Berth's own identity needs on a cluster (the ClusterRole `berth-console` the local
// cluster, the Helm chart's rbac.yaml — a test compares them — and the README give it), and the checks that tell an admin adding
// a cluster what is missing. Pure.
export const CONSOLE_RULES = [
  // people, as berth:user:<email> in berth:… groups (lib/domain/identity.ts); never service accounts
  { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
  { apiGroups: [""], resources: ["namespaces"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
  { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
  // Read-only watches that feed the per-namespace cache behind the live view; what
  // a person may see is still decided per request, as that person.
  { apiGroups: [""], resources: ["pods", "events"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets"], verbs: ["get", "list", "watch"] },
  // Usage samples for the charts (one poller per namespace in view, lib/services/usage.ts).
  { apiGroups: ["metrics.k8s.io"], resources: ["pods", "nodes"], verbs: ["get", "list"] },
  { apiGroups: [""], resources: ["resourcequotas", "limitranges"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
  // Binding the built-in admin/edit/view ClusterRoles without holding them.
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["admin", "edit", "view"] },
  { apiGroups: ["authorization.k8s.io"], resources: ["subjectaccessreviews", "selfsubjectaccessreviews"], verbs: ["create"] },
];

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  name?: string;
}

/** One check per rule, resource and verb (cluster-wide), named as `kubectl auth can-i` would print it. */
export function consoleAccessChecks(): AccessCheck[] {
  return CONSOLE_RULES.flatMap((r) => r.resources.flatMap((resource) => r.verbs.map((verb) => ({ verb, group: r.apiGroups[0], resource, ...(r.resourceNames ? { name: r.resourceNames[0] } : {}) }))));
}

export const describeCheck = (c: AccessCheck) => `${c.verb} ${c.resource}${c.group ? `.${c.group}` : ""}${c.name ? `/${c.name}` : ""}`;
