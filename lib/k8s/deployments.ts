// Deployments (what Berth calls Apps) through the Kubernetes API. Every function
// takes the caller's KubeConfig, normally impersonating the user.
import { AppsV1Api, type KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { summarizeDeployment, type AppSummary } from "../domain/app-status";
import { clusterServer } from "./config";
import { toAppError } from "./errors";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  cursor?: string;
}

export async function listApps(kc: KubeConfig, namespace: string, opts: { limit: number; cursor?: string; labelSelector?: string }): Promise<Page<AppSummary>> {
  try {
    const list = await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace, limit: opts.limit, _continue: opts.cursor, labelSelector: opts.labelSelector });
    return { items: list.items.map(summarizeDeployment), cursor: list.metadata?._continue || undefined };
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

export async function readApp(kc: KubeConfig, namespace: string, name: string): Promise<V1Deployment> {
  try {
    return await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name, namespace });
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

/**
 * Sets replicas through the scale subresource. With `resourceVersion` the write
 * fails with 409 if the Deployment changed since the caller read it: two people
 * scaling at once never silently overwrite each other.
 */
export async function scaleApp(kc: KubeConfig, namespace: string, name: string, replicas: number, resourceVersion?: string) {
  try {
    const scale = await kc.makeApiClient(AppsV1Api).replaceNamespacedDeploymentScale({
      name,
      namespace,
      body: { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name, namespace, resourceVersion }, spec: { replicas } },
    });
    return { replicas: scale.spec?.replicas ?? replicas, resourceVersion: scale.metadata?.resourceVersion };
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

export async function deleteApp(kc: KubeConfig, namespace: string, name: string) {
  try {
    await kc.makeApiClient(AppsV1Api).deleteNamespacedDeployment({ name, namespace, propagationPolicy: "Foreground" });
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}
