// Connecting to a cluster from a kubeconfig a platform admin gave, and what Berth asks of a
// cluster it is about to use: its version, its nodes, and whether Berth's identity there has
// the access it needs (SelfSubjectAccessReview, one per check).
import { AuthorizationV1Api, CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { describeCheck, type AccessCheck } from "../domain/console-rbac";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { clusterServer } from "./config";
import { toAppError } from "./errors";

/** A kubeconfig's current context as a KubeConfig; a 400 with the reason when it cannot be one. */
export function kubeConfigFromText(text: string): KubeConfig {
  const refuse = (message: string) => new AppError("bad_request", message, { fields: { kubeconfig: message } });
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    throw refuse(msg("kubeconfigUnreadable", { reason: (e as Error).message.split("\n")[0] }));
  }
  if (!kc.getCurrentCluster() || !kc.getCurrentUser()) throw refuse(msg("kubeconfigNoContext"));
  // Credentials that run a program on the console's host are never accepted.
  if (kc.users.some((u) => u.exec || u.authProvider)) throw refuse(msg("kubeconfigExec"));
  return kc;
}

export interface ClusterProbe {
  server: string;
  version: string;
  nodes: number;
  nodesReady: number;
}

/** Version and nodes, or the cluster_unreachable error saying why. */
export async function probeCluster(kc: KubeConfig): Promise<ClusterProbe> {
  const server = clusterServer(kc);
  try {
    const v = await kc.makeApiClient(VersionApi).getCode();
    const nodes = await kc.makeApiClient(CoreV1Api).listNode({ limit: 500 });
    const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
    return { server, version: v.gitVersion, nodes: nodes.items.length, nodesReady: ready };
  } catch (e) {
    throw toAppError(e, server);
  }
}

/** The checks Berth's identity fails on the cluster (empty: it has what it needs). */
export async function missingAccess(kc: KubeConfig, checks: AccessCheck[]): Promise<string[]> {
  const authz = kc.makeApiClient(AuthorizationV1Api);
  try {
    const answers = await Promise.all(
      checks.map((c) => authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: c.verb, group: c.group, resource: c.resource, name: c.name } } } }).then((r) => (r.status?.allowed ? undefined : describeCheck(c)))),
    );
    return answers.filter((a): a is string => !!a);
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}
