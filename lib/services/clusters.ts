// Clusters: the console's own connection ("default"; `local` for npm start) and those platform
// admins add with a kubeconfig. The one place a namespace becomes Berth's connection to the
// cluster it lives on (namespaceKubeConfig); nothing else picks a cluster.
import type { KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { open, seal } from "../auth/secret-box";
import { audit } from "../db/audit";
import { clusterByName, clusterIdOfNamespace, clusterRow, createClusterRow, DEFAULT_CLUSTER_ID, deleteClusterRow, listClusterRows, namespacesOnCluster, nameDefaultCluster, updateClusterRow } from "../db/clusters";
import { consoleAccessChecks } from "../domain/console-rbac";
import { msg } from "../domain/messages";
import { dnsLabel, toDnsLabel } from "../domain/names";
import { AppError, isAppError } from "../errors";
import { countWorkloads, kubeConfigFromText, kubeContexts, missingAccess, oneContext, clusterVersion, probeCluster, readKubeconfig, type ClusterProbe } from "../k8s/clusters";
import { clusterServer, configSource, ownKubeconfig, serviceKubeConfig } from "../k8s/config";
import { Memo } from "../memo";
import { andThen, type Maybe } from "../maybe";

const TTL_MS = 5_000;
const connections = new Memo<{ kc: KubeConfig; name: string; displayName: string }>(TTL_MS);
const namespaces = new Memo<string>(TTL_MS);

/** Berth's own connection to a cluster (cached for a few seconds; the kubeconfig opened only here). */
function clusterConnection(id: string): Maybe<{ kc: KubeConfig; name: string; displayName: string }> {
  return connections.get(id, async () => {
    const row = await clusterRow(id);
    if (!row && id !== DEFAULT_CLUSTER_ID) throw new AppError("not_found", msg("noCluster", { name: id }));
    const kc = row?.source === "kubeconfig" && row.kubeconfigEnc ? kubeConfigFromText(open(row.kubeconfigEnc)) : serviceKubeConfig();
    return { kc, name: row?.name ?? "default", displayName: row?.displayName ?? "Default" };
  });
}

/** The cluster a namespace lives on: a team namespace's own, else the console's. */
export function namespaceClusterId(namespace: string): Maybe<string> {
  return namespaces.get(namespace, async () => (await clusterIdOfNamespace(namespace)) ?? DEFAULT_CLUSTER_ID);
}

/** A namespace made or deleted here: its cluster is looked up again at once. */
export function forgetNamespace(namespace: string) {
  namespaces.delete(namespace);
}

const REACH_TTL_MS = 10_000;
const PING_MS = 3_000;
type Reach = { at: number; error?: string };
const reach = new Map<string, Reach>();
const pinging = new Map<string, Promise<Reach>>();

function ping(id: string): Promise<Reach> {
  let p = pinging.get(id);
  if (!p) {
    p = Promise.resolve(clusterConnection(id))
      .then((c) => clusterVersion(c.kc, PING_MS))
      .then(() => ({ at: Date.now() }), (e) => ({ at: Date.now(), error: isAppError(e) ? e.message : String(e) }))
      .then((r) => {
        reach.set(id, r);
        pinging.delete(id);
        return r;
      });
    pinging.set(id, p);
  }
  return p;
}

/**
 * Whether a cluster answered lately. Without `maxAgeMs` (for showing): what was seen last,
 * asked again in the background when older than 10 s (only a cluster never asked is waited
 * for, at most 3 s). With it: an answer at most that old, else the cluster is asked and waited for.
 */
async function reachability(id: string, maxAgeMs?: number): Promise<Reach> {
  const seen = reach.get(id);
  if (!seen) return ping(id);
  const age = Date.now() - seen.at;
  if (maxAgeMs !== undefined) return age <= maxAgeMs ? seen : ping(id);
  if (age > REACH_TTL_MS) void ping(id);
  return seen;
}

/** Why a namespace's cluster cannot be reached, as last seen; undefined when it answers. */
export async function namespaceUnreachable(namespace: string): Promise<string | undefined> {
  return (await reachability(await namespaceClusterId(namespace))).error;
}

/**
 * A change in a namespace whose cluster cannot be reached is refused at once, saying so (the
 * namespace is read-only until the cluster answers); a cluster seen down is asked again first,
 * so one that is back is never refused.
 */
export async function assertWritable(namespace: string): Promise<void> {
  const id = await namespaceClusterId(namespace);
  if (!(await reachability(id, REACH_TTL_MS)).error) return;
  const now = await reachability(id, 0);
  if (!now.error) return;
  const c = await clusterConnection(id);
  throw new AppError("cluster_unreachable", msg("namespaceReadOnly", { namespace, cluster: c.displayName, reason: now.error }));
}

/** The console's own cluster's name (a new namespace goes there unless another is chosen). */
export async function defaultClusterName(): Promise<string> {
  return (await clusterRow(DEFAULT_CLUSTER_ID))?.name ?? "default";
}

/** Berth's service identity on the namespace's cluster: every call about a namespace starts here. */
export function namespaceKubeConfig(namespace: string): Maybe<KubeConfig> {
  return andThen(namespaceClusterId(namespace), (id) => andThen(clusterConnection(id), (c) => c.kc));
}

/** The name and display name of a namespace's cluster (shown beside the namespace). */
export async function namespaceCluster(namespace: string): Promise<{ name: string; displayName: string }> {
  const c = await clusterConnection(await namespaceClusterId(namespace));
  return { name: c.name, displayName: c.displayName };
}

/** Berth's connection to a cluster by name (creating a namespace there). */
export async function clusterKubeConfig(name: string): Promise<{ id: string; name: string; kc: KubeConfig }> {
  const row = await clusterByName(name);
  if (!row) throw new AppError("not_found", msg("noCluster", { name }), { fields: { cluster: msg("noCluster", { name }) } });
  return { id: row.id, name: row.name, kc: (await clusterConnection(row.id)).kc };
}

/**
 * The header's picker: every cluster (and whether it answers), the chosen one (by name; else the
 * console's own) with Berth's connection to it, which of the team's namespaces live there, and
 * which of the person's namespaces are read-only because their cluster cannot be reached.
 */
export async function pickerClusters(wanted: string | undefined, teamNamespaces: string[], ownNamespaces: string[]) {
  const rows = await listClusterRows();
  const chosen = rows.find((r) => r.name === wanted) ?? rows.find((r) => r.id === DEFAULT_CLUSTER_ID) ?? rows[0];
  const service = chosen ? (await clusterConnection(chosen.id)).kc : serviceKubeConfig();
  const [clusterOf, reached] = await Promise.all([Promise.all(ownNamespaces.map(namespaceClusterId)), Promise.all(rows.map((r) => reachability(r.id)))]);
  const down = new Map(rows.flatMap((r, i) => (reached[i].error ? [[r.id, reached[i].error!] as const] : [])));
  const on = new Map(ownNamespaces.map((n, i) => [n, clusterOf[i]]));
  return {
    clusters: rows.map((r) => ({ name: r.name, displayName: r.displayName, server: r.server ?? "", unreachable: down.get(r.id) })),
    chosen: chosen?.name ?? "",
    service,
    teamNamespaces: teamNamespaces.filter((n) => on.get(n) === (chosen?.id ?? DEFAULT_CLUSTER_ID)),
    /** The person's namespaces on a cluster that cannot be reached: read-only, with the reason. */
    readOnly: Object.fromEntries(ownNamespaces.flatMap((n) => (down.has(on.get(n)!) ? [[n, down.get(on.get(n)!)!]] : []))) as Record<string, string>,
  };
}

/** At start: the console's own connection under the name people see. */
export async function ensureDefaultCluster() {
  const source = configSource();
  const kc = serviceKubeConfig();
  const [name, displayName] = source === "local" ? ["local", "Local cluster"] : source === "in-cluster" ? ["in-cluster", "This cluster"] : [toDnsLabel(kc.getCurrentContext()) || "default", kc.getCurrentContext()];
  // A name an admin already gave another cluster stays theirs.
  const taken = await clusterByName(name);
  await nameDefaultCluster(taken && taken.id !== DEFAULT_CLUSTER_ID ? "default" : name, displayName, clusterServer(kc));
}

function adminOnly(actor: Actor) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyClusters"));
}

/** A reachable cluster's pods and apps are counted unless Berth's identity may not list them there. */
export type ClusterHealth = ({ reachable: true; pods?: number; apps?: number } & ClusterProbe) | { reachable: false; server: string; error: string };

async function health(kc: KubeConfig): Promise<ClusterHealth> {
  try {
    const [probe, counts] = await Promise.all([probeCluster(kc), countWorkloads(kc).catch(() => undefined)]);
    return { reachable: true, ...probe, ...counts };
  } catch (e) {
    return { reachable: false, server: clusterServer(kc), error: isAppError(e) ? e.message : String(e) };
  }
}

/** The clusters a new namespace may go on, the console's own first (names only, no health check). */
export async function clusterChoices(): Promise<{ name: string; displayName: string }[]> {
  const rows = await listClusterRows();
  return [...rows.filter((r) => r.id === DEFAULT_CLUSTER_ID), ...rows.filter((r) => r.id !== DEFAULT_CLUSTER_ID)].map((r) => ({ name: r.name, displayName: r.displayName }));
}

/** Every cluster with its health (platform admins); others see names only, for the picker. */
export async function listClusters(actor: Actor) {
  if (!actor.user.platformAdmin) return { items: (await listClusterRows()).map((r) => ({ name: r.name, displayName: r.displayName })) };
  return clustersWithHealth(actor);
}

/** Every cluster with its health and how many team namespaces live there (platform admins). */
export async function clustersWithHealth(actor: Actor) {
  adminOnly(actor);
  const rows = await listClusterRows();
  const items = await Promise.all(
    rows.map(async (r) => {
      const { _count, ...rest } = r;
      const h = await Promise.resolve(clusterConnection(r.id)).then((c) => health(c.kc), (e) => ({ reachable: false as const, server: r.server ?? "", error: (e as Error).message }));
      return { ...rest, namespaces: _count.namespaces, health: h };
    }),
  );
  return { items };
}

const kubeconfigText = z.string().min(1).max(256 * 1024);
/** A kubeconfig pasted (its current context, or `context`), or — without one — a context of the console's own KUBECONFIG. */
const given = { kubeconfig: kubeconfigText.optional(), context: z.string().min(1).max(253).optional() };
export const clusterInput = z.object({ name: dnsLabel("clusterName"), displayName: z.string().trim().min(1).max(63), ...given });
export const testClusterInput = z.object(given);
export const contextsInput = z.object({ kubeconfig: kubeconfigText.optional() });
/** A new display name, or a new kubeconfig (checked like a new cluster's), or both. */
export const clusterUpdate = z.object({ displayName: z.string().trim().min(1).max(63).optional(), kubeconfig: kubeconfigText.optional() });

/** The one context a cluster is added from, narrowed to a kubeconfig of its own (nothing of the other contexts is kept). */
function givenContext(input: z.infer<typeof testClusterInput>) {
  if (input.kubeconfig) return oneContext(readKubeconfig(input.kubeconfig), input.context, { files: false });
  if (!input.context) throw new AppError("bad_request", msg("required", { what: "kubeconfig" }), { fields: { kubeconfig: msg("required", { what: "kubeconfig" }) } });
  const own = ownKubeconfig();
  if (!own) throw new AppError("unprocessable", msg("noServerKubeconfig"), { fields: { context: msg("noServerKubeconfig") } });
  return oneContext(own, input.context, { files: true });
}

/**
 * The contexts of a pasted kubeconfig, or of the console's own KUBECONFIG (none without one),
 * each with the cluster already registered for its server.
 */
export async function kubeconfigContexts(actor: Actor, input: z.infer<typeof contextsInput>) {
  adminOnly(actor);
  const kc = input.kubeconfig ? readKubeconfig(input.kubeconfig) : ownKubeconfig();
  // The console's own cluster is matched by the server this console talks to.
  const rows = (await listClusterRows()).map((r) => (r.id === DEFAULT_CLUSTER_ID ? { ...r, server: clusterServer(serviceKubeConfig()) } : r));
  return { items: (kc ? kubeContexts(kc) : []).map((c) => ({ ...c, cluster: rows.find((r) => r.server === c.server)?.name ?? null })) };
}

/** A kubeconfig whose cluster does not answer is bad input here (422, saying why), not a console failure. */
async function probeGiven(kc: KubeConfig): Promise<ClusterProbe> {
  try {
    return await probeCluster(kc);
  } catch (e) {
    if (isAppError(e) && e.code === "cluster_unreachable") throw new AppError("unprocessable", e.message, { fields: { kubeconfig: e.message } });
    throw e;
  }
}

/** "Test connection": the version and nodes, and what Berth's identity would be missing there. */
export async function testCluster(actor: Actor, input: z.infer<typeof testClusterInput>) {
  adminOnly(actor);
  const { kc } = givenContext(input);
  const probe = await probeGiven(kc);
  return { ...probe, missing: await missingAccess(kc, consoleAccessChecks()) };
}

export async function addCluster(actor: Actor, input: z.infer<typeof clusterInput>) {
  adminOnly(actor);
  if (await clusterByName(input.name)) throw new AppError("conflict", msg("clusterExists", { name: input.name }), { fields: { name: msg("clusterExists", { name: input.name }) } });
  const one = givenContext(input);
  const probe = await checkedKubeconfig(one.kc);
  // One cluster, one name: two names for the same API server would split its namespaces.
  const same = (await listClusterRows()).find((r) => r.server === probe.server || (r.id === DEFAULT_CLUSTER_ID && clusterServer(serviceKubeConfig()) === probe.server));
  if (same) throw new AppError("conflict", msg("clusterRegistered", { server: probe.server, name: same.name }), { fields: { kubeconfig: msg("clusterRegistered", { server: probe.server, name: same.name }) } });
  const row = await createClusterRow({ name: input.name, displayName: input.displayName, source: "kubeconfig", kubeconfigEnc: seal(one.text), server: probe.server, createdBy: actor.user.email });
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "cluster.add", target: input.name, result: "ok", detail: `${probe.server} (${probe.version})${input.kubeconfig ? "" : `, context ${input.context} of the console's KUBECONFIG`}` });
  return { ...row, health: { reachable: true as const, ...probe } };
}

/** Checks a cluster's connection the way it is checked before it is saved; answers the probe. */
async function checkedKubeconfig(kc: KubeConfig): Promise<ClusterProbe> {
  const probe = await probeGiven(kc);
  const missing = await missingAccess(kc, consoleAccessChecks());
  if (missing.length) {
    const message = msg("clusterAccessMissing", { server: probe.server, missing: missing.join(", ") });
    throw new AppError("unprocessable", message, { fields: { kubeconfig: message } });
  }
  return probe;
}

/** Renames a cluster for people, or gives Berth a new kubeconfig for it (rotated credentials). */
export async function changeCluster(actor: Actor, name: string, input: z.infer<typeof clusterUpdate>) {
  adminOnly(actor);
  const row = await clusterByName(name);
  if (!row) throw new AppError("not_found", msg("noCluster", { name }));
  if (input.kubeconfig !== undefined && row.id === DEFAULT_CLUSTER_ID) throw new AppError("conflict", msg("clusterDefaultConnection"));
  const one = input.kubeconfig !== undefined ? oneContext(readKubeconfig(input.kubeconfig), undefined, { files: false }) : undefined;
  const probe = one ? await checkedKubeconfig(one.kc) : undefined;
  const out = await updateClusterRow(row.id, { displayName: input.displayName, ...(one && probe ? { kubeconfigEnc: seal(one.text), server: probe.server } : {}) });
  connections.delete(row.id);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "cluster.update", target: name, result: "ok", detail: probe ? `new kubeconfig for ${probe.server}` : "display name" });
  return out;
}

/** Forgets a cluster (nothing in it is touched); refused while team namespaces live there. */
export async function removeCluster(actor: Actor, name: string) {
  adminOnly(actor);
  const row = await clusterByName(name);
  if (!row) throw new AppError("not_found", msg("noCluster", { name }));
  if (row.id === DEFAULT_CLUSTER_ID) throw new AppError("conflict", msg("clusterDefaultStays"));
  const on = await namespacesOnCluster(row.id);
  if (on.length) throw new AppError("conflict", msg("clusterHasNamespaces", { name, count: on.length, namespaces: on.map((n) => n.name).join(", ") }), { namespaces: on.map((n) => n.name) });
  await deleteClusterRow(row.id);
  connections.delete(row.id);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "cluster.remove", target: name, result: "ok" });
}
