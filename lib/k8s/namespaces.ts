import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { clusterServer } from "./config";
import { toAppError } from "./errors";
import { forEachPage, PAGE } from "./paging";

export async function listNamespaceNames(kc: KubeConfig): Promise<string[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const names: string[] = [];
  try {
    await forEachPage((cont) => core.listNamespace({ limit: PAGE, _continue: cont }), (items) => names.push(...items.map((n) => n.metadata!.name!)));
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
  return names.sort();
}

export async function deleteNamespace(kc: KubeConfig, name: string) {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespace({ name });
  } catch (e) {
    const err = toAppError(e, clusterServer(kc));
    if (err.code !== "not_found") throw err;
  }
}
