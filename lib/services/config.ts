// ConfigMaps and Secrets for a person: always through their impersonated client, saved
// with server-side apply after a dry-run diff, guarded by the version they loaded.
// A Secret's values leave the server only one at a time, on purpose, audited.
import type { V1Secret } from "@kubernetes/client-node";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { configMapInput, configMapObject, configMapSummary, editedSecret, secretEdit, secretInput, secretObject, secretSummary, usesObject } from "../domain/config";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { applyObjects, findApp, restartApp } from "../k8s/apps";
import { deleteConfigObject, findConfigMap, findSecret, listConfigMaps, listSecrets, removeKeys, workloadTemplates } from "../k8s/config-objects";
import { audited, namespaceClient } from "./namespace-client";

export { configMapInput, secretEdit, secretInput };
export type ConfigKind = "ConfigMap" | "Secret";

export const configListQuery = z.object({ cursor: z.string().max(2000).optional() });

async function usedBy(kc: Awaited<ReturnType<typeof namespaceClient>>["kc"], namespace: string, kind: ConfigKind) {
  const workloads = await workloadTemplates(kc, namespace);
  return (name: string) => workloads.flatMap((w) => {
    const how = usesObject(w.template, kind, name);
    return how.length ? [{ app: w.name, kind: w.kind, how }] : [];
  });
}

export async function listConfig(actor: Actor, namespace: string, kind: ConfigKind, cursor?: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const page = kind === "ConfigMap" ? await listConfigMaps(kc, namespace, cursor) : await listSecrets(kc, namespace, cursor);
  const users = await usedBy(kc, namespace, kind);
  const items = page.items
    .filter((o) => kind === "ConfigMap" || (o as V1Secret).type !== "kubernetes.io/service-account-token")
    .map((o) => ({ ...(kind === "ConfigMap" ? configMapSummary(o) : secretSummary(o as V1Secret)), usedBy: users(o.metadata!.name!) }));
  return { items, cursor: page.cursor };
}

export async function getConfigMap(actor: Actor, namespace: string, name: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const cm = await findConfigMap(kc, namespace, name);
  if (!cm) throw new AppError("not_found", msg("noConfigMap", { name, namespace }));
  return { ...configMapSummary(cm), data: cm.data ?? {}, usedBy: (await usedBy(kc, namespace, "ConfigMap"))(name) };
}

/** A Secret without its values: keys, sizes, type, users. */
export async function getSecret(actor: Actor, namespace: string, name: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const s = await findSecret(kc, namespace, name);
  if (!s) throw new AppError("not_found", msg("noSecret", { name, namespace }));
  return { ...secretSummary(s), usedBy: (await usedBy(kc, namespace, "Secret"))(name) };
}

/** One value of a Secret, for a developer or owner who asks for it; every reveal is in the audit log. */
export async function revealSecretValue(actor: Actor, namespace: string, name: string, key: string) {
  return audited(actor, namespace, "secret.reveal", `${name}/${key}`, undefined, async (kc) => {
    const s = await findSecret(kc, namespace, name);
    if (!s) throw new AppError("not_found", msg("noSecret", { name, namespace }));
    const v = s.data?.[key];
    if (v === undefined) throw new AppError("not_found", msg("noSecretKey", { name, key }));
    return { key, value: Buffer.from(v, "base64").toString("utf8") };
  });
}

export async function createConfigMap(actor: Actor, namespace: string, input: z.infer<typeof configMapInput>) {
  return audited(actor, namespace, "configmap.create", input.name, undefined, async (kc) => {
    if (await findConfigMap(kc, namespace, input.name)) throw new AppError("conflict", msg("objectExists", { kind: "ConfigMap", name: input.name, namespace }));
    const diffs = await applyObjects(kc, [configMapObject(namespace, input.name, input.data)], { dryRun: input.dryRun });
    return { diffs };
  }, { dryRun: input.dryRun });
}

/** A whole new set of keys and values for a ConfigMap, as loaded at `resourceVersion`. */
export async function updateConfigMap(actor: Actor, namespace: string, name: string, input: Omit<z.infer<typeof configMapInput>, "name">) {
  return audited(actor, namespace, "configmap.update", name, undefined, async (kc) => {
    const current = await findConfigMap(kc, namespace, name);
    if (!current) throw new AppError("not_found", msg("noConfigMap", { name, namespace }));
    const rv = input.resourceVersion ?? current.metadata!.resourceVersion!;
    const diffs = await applyObjects(kc, [configMapObject(namespace, name, input.data, rv)], { dryRun: input.dryRun, force: true });
    if (!input.dryRun) {
      const after = await findConfigMap(kc, namespace, name);
      const left = Object.keys(after?.data ?? {}).filter((k) => !(k in input.data));
      await removeKeys(kc, "ConfigMap", namespace, name, left, after!.metadata!.resourceVersion!);
    }
    return { diffs };
  }, { dryRun: input.dryRun });
}

export async function createSecret(actor: Actor, namespace: string, input: z.infer<typeof secretInput>) {
  return audited(actor, namespace, "secret.create", input.name, undefined, async (kc) => {
    if (await findSecret(kc, namespace, input.name)) throw new AppError("conflict", msg("objectExists", { kind: "Secret", name: input.name, namespace }));
    const diffs = await applyObjects(kc, [secretObject(namespace, input)], { dryRun: input.dryRun });
    return { diffs };
  }, { dryRun: input.dryRun });
}

/** Only the changed keys travel: `set` (new values) and `remove`; the rest stays as it is. */
export async function updateSecret(actor: Actor, namespace: string, name: string, edit: z.infer<typeof secretEdit>) {
  return audited(actor, namespace, "secret.update", name, undefined, async (kc) => {
    const current = await findSecret(kc, namespace, name);
    if (!current) throw new AppError("not_found", msg("noSecret", { name, namespace }));
    if (current.metadata?.resourceVersion !== edit.resourceVersion) throw new AppError("conflict", msg("changedMeanwhile", { name }), { stale: true });
    const next = editedSecret(current, edit);
    const diffs = await applyObjects(kc, [next], { dryRun: edit.dryRun, force: true });
    if (!edit.dryRun) {
      const after = await findSecret(kc, namespace, name);
      const left = edit.remove.filter((k) => after?.data && k in after.data);
      await removeKeys(kc, "Secret", namespace, name, left, after!.metadata!.resourceVersion!);
    }
    return { diffs, keys: Object.keys(next.data ?? {}) };
  }, { dryRun: edit.dryRun });
}

export async function deleteConfig(actor: Actor, namespace: string, kind: ConfigKind, name: string) {
  await audited(actor, namespace, `${kind.toLowerCase()}.delete`, name, undefined, (kc) => deleteConfigObject(kc, kind, namespace, name));
}

/**
 * "Restart the apps that use it": a rolling restart of each app referencing the object
 * (a Secret or ConfigMap change does not reach environment variables by itself).
 */
export async function restartUsers(actor: Actor, namespace: string, kind: ConfigKind, name: string) {
  const users = (await usedBy((await namespaceClient(actor, namespace, "write")).kc, namespace, kind))(name);
  const restarted: string[] = [];
  for (const u of users) {
    await audited(actor, namespace, "app.restart", u.app, `uses ${kind} ${name}`, async (kc) => {
      const w = await findApp(kc, namespace, u.app);
      if (w) await restartApp(kc, w);
    });
    restarted.push(u.app);
  }
  return { restarted };
}
