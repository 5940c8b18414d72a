// Clusters in the database. A kubeconfig is stored sealed (lib/auth/secret-box.ts) and only
// lib/services/clusters.ts opens it, to connect.
import { db } from "./client";

/** What may leave the server about a cluster: never its kubeconfig. */
export const PUBLIC_FIELDS = { id: true, name: true, displayName: true, source: true, server: true, createdBy: true, createdAt: true, updatedAt: true } as const;

export const DEFAULT_CLUSTER_ID = "default";

export function listClusterRows() {
  return db().cluster.findMany({ orderBy: { createdAt: "asc" }, select: { ...PUBLIC_FIELDS, _count: { select: { namespaces: true } } } });
}

export function clusterRow(id: string) {
  return db().cluster.findUnique({ where: { id } });
}

export function clusterByName(name: string) {
  return db().cluster.findUnique({ where: { name } });
}

export function createClusterRow(data: { name: string; displayName: string; source: string; kubeconfigEnc?: string; server?: string; createdBy: string }) {
  return db().cluster.create({ data, select: PUBLIC_FIELDS });
}

/** The console's own connection under the name people see (`local` for npm start). */
/**
 * Names the console's own connection once, at the first start (the row is still "default"):
 * later starts — another replica, a console started another way — keep the name people know.
 */
export async function nameDefaultCluster(name: string, displayName: string, server: string | undefined) {
  await db().cluster.upsert({ where: { id: DEFAULT_CLUSTER_ID }, create: { id: DEFAULT_CLUSTER_ID, name, displayName, source: "default", server, createdBy: "berth" }, update: {} });
  await db().cluster.updateMany({ where: { id: DEFAULT_CLUSTER_ID, name: "default" }, data: { name, displayName, server } });
}

export function updateClusterRow(id: string, data: { displayName?: string; kubeconfigEnc?: string; server?: string }) {
  return db().cluster.update({ where: { id }, data, select: PUBLIC_FIELDS });
}

export function deleteClusterRow(id: string) {
  return db().cluster.delete({ where: { id } });
}

/** The namespaces on a cluster, with their team (what a removal is refused over). */
export function namespacesOnCluster(clusterId: string) {
  return db().teamNamespace.findMany({ where: { clusterId }, select: { name: true, team: { select: { slug: true } } }, orderBy: { name: "asc" } });
}

/** Which cluster a namespace is on (undefined: not a team namespace, so the console's own). */
export async function clusterIdOfNamespace(namespace: string): Promise<string | undefined> {
  return (await db().teamNamespace.findUnique({ where: { name: namespace }, select: { clusterId: true } }))?.clusterId;
}
