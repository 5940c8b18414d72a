// "Import YAML" and "Export" for a person. An import is checked whole (lib/domain/import.ts),
// then every object is dry-run as the person — one refusal and nothing is applied — then
// applied by server-side apply; if the apiserver still refuses one, the objects this
// import created are removed again (all or nothing), and the person is told which and why.
import type { KubernetesObject } from "@kubernetes/client-node";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { exportable, ImportError, importInput, parseImport, toYamlStream } from "../domain/import";
import { msg } from "../domain/messages";
import { AppError, isAppError } from "../errors";
import { appObjects, applyObjects, deleteObjects, readApp, type DiffEntry } from "../k8s/apps";
import { audited, namespaceClient } from "./namespace-client";

export { importInput };

const label = (o: KubernetesObject) => `${o.kind}/${o.metadata?.name}`;

export async function importYaml(actor: Actor, namespace: string, input: z.infer<typeof importInput>) {
  let objects: KubernetesObject[];
  try {
    objects = parseImport(input.yaml, namespace) as unknown as KubernetesObject[];
  } catch (e) {
    if (e instanceof ImportError) throw new AppError("bad_request", e.message, { problems: e.problems });
    throw e;
  }
  return audited(actor, namespace, "import", "yaml", objects.map(label).join(", ").slice(0, 1000), async (kc) => {
    // Every object dry-run first, as the person: the apiserver's validation and RBAC answer for each.
    const diffs: DiffEntry[] = [];
    const refused: { object: string; message: string; forbidden: boolean }[] = [];
    for (const o of objects) {
      try {
        diffs.push(...(await applyObjects(kc, [o], { dryRun: true })));
      } catch (e) {
        refused.push({ object: label(o), message: isAppError(e) ? e.message : (e as Error).message, forbidden: isAppError(e) && (e.code === "cluster_forbidden" || e.code === "forbidden") });
      }
    }
    if (refused.length) {
      // RBAC's no is a 403; anything else the apiserver refused (an invalid object) a 422.
      throw new AppError(refused.some((r) => r.forbidden) ? "cluster_forbidden" : "unprocessable", msg("importRefused", { object: refused[0].object, reason: refused[0].message }), { refused: refused.map(({ object, message }) => ({ object, message })) });
    }
    if (input.dryRun) return { dryRun: true, objects: diffs };

    const created: KubernetesObject[] = [];
    for (const [i, o] of objects.entries()) {
      try {
        await applyObjects(kc, [o], { dryRun: false });
        if (diffs[i].action === "create") created.push(o);
      } catch (e) {
        await deleteObjects(kc, created).catch(() => undefined);
        const reason = isAppError(e) ? e.message : (e as Error).message;
        throw new AppError(isAppError(e) && e.status < 500 ? e.code : "unprocessable", msg("importRolledBack", { object: label(o), reason }), { refused: [{ object: label(o), message: reason }] });
      }
    }
    return { dryRun: false, objects: diffs };
  }, { dryRun: input.dryRun });
}

/** An app's objects as clean YAML (no status, server fields, anchors); Secrets named in a comment, never exported. */
export async function exportApp(actor: Actor, namespace: string, name: string): Promise<string> {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const w = await readApp(kc, namespace, name);
  const { objects, secrets } = await appObjects(kc, w);
  const head = `# ${name} in ${namespace}, exported by Berth${secrets.length ? `\n# Secrets it uses (not exported, their values stay in the cluster): ${secrets.join(", ")}` : ""}\n`;
  return head + toYamlStream(objects.map((o) => exportable(o as unknown as Record<string, unknown>)));
}
