// Asks the apiserver, as the person, whether they may read pods and deployments in a
// namespace (SelfSubjectAccessReview through impersonation). Reads served from the
// shared cache are checked this way, so RBAC stays the last word for them too.
import { AuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";
import { AppError } from "../errors";
import { Memo } from "../memo";
import type { Maybe } from "../maybe";
import { clusterServer } from "./config";
import { impersonate, type Identity } from "./impersonate";
import { toAppError } from "./errors";
import { msg } from "../domain/messages";

/** Who may read where, for 30 s (one review at a time per person and namespace). */
const allowed = new Memo<void>(30_000);

/**
 * `service`: Berth's connection to the namespace's cluster, impersonating `who` only when the
 * answer is not remembered (most requests make no connection object at all). A remembered
 * answer is given at once (lib/maybe.ts).
 */
export function assertCanRead(service: KubeConfig, who: Identity, namespace: string): Maybe<void> {
  return allowed.get(`${who.user}|${who.group}|${namespace}`, async () => {
    const kc = impersonate(service, who);
    const api = kc.makeApiClient(AuthorizationV1Api);
    try {
      for (const [group, resource] of [["", "pods"], ["apps", "deployments"]] as const) {
        const r = await api.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace, verb: "watch", group, resource } } } });
        if (!r.status?.allowed) throw new AppError("cluster_forbidden", msg("kubernetesRefused", { reason: `you may not watch ${resource} in namespace "${namespace}"` }), { reason: "Forbidden", kubernetes: true });
      }
    } catch (e) {
      throw toAppError(e, clusterServer(kc));
    }
  });
}
