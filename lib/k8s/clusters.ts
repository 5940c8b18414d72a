// Connecting to a cluster from a kubeconfig a platform admin gave, and what Berth asks of a
// cluster it is about to use: its version, its nodes, and whether Berth's identity there has
// the access it needs (SelfSubjectAccessReview, one per check).
import { AppsV1Api, AuthorizationV1Api, CoreV1Api, KubeConfig, VersionApi, type V1ListMeta } from "@kubernetes/client-node";
import { describeCheck, type AccessCheck } from "../domain/console-rbac";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { readFileSync } from "node:fs";
import { clusterServer } from "./config";
import { PooledKubeConfig } from "./connections";
import { toAppError } from "./errors";

const refuse = (message: string) => new AppError("bad_request", message, { fields: { kubeconfig: message } });

/** A kubeconfig as given (every context in it); a 400 with the reason when it cannot be read. */
export function readKubeconfig(text: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    throw refuse(msg("kubeconfigUnreadable", { reason: (e as Error).message.split("\n")[0] }));
  }
  return kc;
}

export interface KubeContext {
  context: string;
  server: string;
  current: boolean;
}

/** The contexts of a kubeconfig (a person's ~/.kube/config, or the console's KUBECONFIG, holds several). */
export function kubeContexts(kc: KubeConfig): KubeContext[] {
  return kc.contexts.map((c) => ({ context: c.name, server: kc.getCluster(c.cluster)?.server ?? "", current: c.name === kc.currentContext }));
}

const inline = (file: string | undefined) => (file ? readFileSync(file).toString("base64") : undefined);

/**
 * One context of a kubeconfig (the given one, else its current one) as a kubeconfig of its own:
 * that context's cluster and user and nothing of the others'. Credentials that run a program
 * on the console's host are refused; so are files it names, unless `files` (the console's own
 * KUBECONFIG), when they are read in so what is kept needs nothing on this host.
 */
export function oneContext(kc: KubeConfig, context: string | undefined, opts: { files: boolean }): { kc: KubeConfig; text: string } {
  const name = context || kc.currentContext;
  const ctx = name ? kc.getContextObject(name) : null;
  if (context && !ctx) throw refuse(msg("kubeconfigNoSuchContext", { context }));
  const cluster = ctx ? kc.getCluster(ctx.cluster) : null;
  const user = ctx ? kc.getUser(ctx.user) : null;
  if (!ctx || !cluster || !user) throw refuse(msg("kubeconfigNoContext"));
  if (user.exec || user.authProvider) throw refuse(msg("kubeconfigExec"));
  const files = [cluster.caFile, user.certFile, user.keyFile].filter(Boolean);
  if (files.length && !opts.files) throw refuse(msg("kubeconfigFiles"));
  const one = new PooledKubeConfig(); // what Berth calls the cluster with: over kept-open connections
  one.loadFromOptions({
    clusters: [{ ...cluster, caFile: undefined, caData: cluster.caData ?? inline(cluster.caFile) }],
    users: [{ ...user, certFile: undefined, keyFile: undefined, certData: user.certData ?? inline(user.certFile), keyData: user.keyData ?? inline(user.keyFile) }],
    contexts: [ctx],
    currentContext: ctx.name,
  });
  return { kc: one, text: one.exportConfig() };
}

/** A kubeconfig kept for a cluster (or pasted) as a KubeConfig of its current context; a 400 with the reason when it cannot be one. */
export function kubeConfigFromText(text: string): KubeConfig {
  return oneContext(readKubeconfig(text), undefined, { files: false }).kc;
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
  const version = await clusterVersion(kc);
  try {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode({ limit: 500 });
    const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
    return { server, version, nodes: nodes.items.length, nodesReady: ready };
  } catch (e) {
    throw toAppError(e, server);
  }
}

/**
 * The cluster's version (its /version), within `ms` when given: the cluster_unreachable
 * error saying why when it does not answer. Also what tells whether a cluster answers at all.
 */
export async function clusterVersion(kc: KubeConfig, ms?: number): Promise<string> {
  const server = clusterServer(kc);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    if (ms !== undefined) timer = setTimeout(() => reject(new AppError("cluster_unreachable", msg("clusterUnreachable", { server, reason: msg("noAnswerWithin", { seconds: ms / 1000 }) }))), ms);
  });
  try {
    return (await Promise.race([kc.makeApiClient(VersionApi).getCode(), late])).gitVersion;
  } catch (e) {
    throw toAppError(e, server);
  } finally {
    clearTimeout(timer);
  }
}

/** A list's length read from its first item: what is left is counted by the apiserver (remainingItemCount), nothing more is listed. */
const total = (l: { items: unknown[]; metadata?: V1ListMeta }) => l.items.length + (l.metadata?.remainingItemCount ?? 0);

/** How many pods and apps (Deployments and StatefulSets) run on a cluster, counted without listing them. */
export async function countWorkloads(kc: KubeConfig): Promise<{ pods: number; apps: number }> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  try {
    const [pods, deployments, statefulSets] = await Promise.all([core.listPodForAllNamespaces({ limit: 1 }), apps.listDeploymentForAllNamespaces({ limit: 1 }), apps.listStatefulSetForAllNamespaces({ limit: 1 })]);
    return { pods: total(pods), apps: total(deployments) + total(statefulSets) };
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
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
