"use client";
// A namespace's pipelines: each with its webhook URL and last run; a new one shows its
// secret exactly once.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { localize } from "@/components/localize";
import { api } from "../api";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { EmptyState } from "../ui/states";
import { Table } from "../ui/table";
import { BuildStatus } from "./builds-table";

export interface PipelineRow {
  id: string;
  name: string;
  sourceKind: string;
  strategy: string;
  gitUrl: string | null;
  gitRef: string;
  artifactName: string | null;
  image: string;
  registry: string;
  updateApp: string | null;
  webhook: string;
  lastRun: { id: string; status: string; createdAt: string } | null;
}

export function Pipelines({ namespace, pipelines, registries, apps, canWrite, origin }: { namespace: string; pipelines: PipelineRow[]; registries: string[]; apps: string[]; canWrite: boolean; origin: string }) {
  const t = useTranslations("pipelines");
  const tb = useTranslations("builds");
  const locale = useLocale();
  const router = useRouter();
  const create = useAction();
  const remove = useAction();
  const [open, setOpen] = useState(false);
  const [sourceKind, setSourceKind] = useState<"git" | "artifact">("git");
  const upload = useAction();
  const [made, setMade] = useState<{ name: string; secret: string; webhook: string } | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = Object.fromEntries([...new FormData(e.currentTarget).entries()].filter(([, v]) => typeof v === "string" && v.trim() !== "")) as Record<string, string>;
    const r = await create.run(() => api<{ name: string; secret: string; webhook: string }>("POST", `/api/namespaces/${namespace}/pipelines`, f));
    if (r) {
      setMade(r);
      setOpen(false);
      router.refresh();
    }
  }

  async function del(p: PipelineRow) {
    if (!window.confirm(t("deleteConfirm", { name: p.name }))) return;
    const ok = await remove.run(async () => {
      await api("DELETE", `/api/namespaces/${namespace}/pipelines/${p.id}`);
      return true;
    });
    if (ok) router.refresh();
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("hint")}</p>
      {made && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="pipeline-secret">
          <p className="font-semibold">{t("secretOnce")}</p>
          <p className="mt-1">{t("webhook")}: <code className="break-all">{origin}{made.webhook}</code></p>
          <p>{t("secret")}: <code className="break-all">{made.secret}</code></p>
        </div>
      )}
      {pipelines.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Table testId="pipelines" headers={[t("name"), t("repo"), t("image"), t("app"), t("lastRun"), ""]}>
          {pipelines.map((p) => (
            <tr key={p.id}>
              <td className="px-3 py-2 font-medium"><Link className="text-brand-700 underline-offset-2 hover:underline" href={`/builds/pipelines/${namespace}/${p.id}`}>{p.name}</Link></td>
              <td className="px-3 py-2 font-mono text-xs">
                {p.sourceKind === "git" ? `${p.gitUrl}#${p.gitRef}` : `${t("latestArtifact", { kind: p.strategy })}: ${p.artifactName ?? t("none")}`}
                {p.sourceKind === "artifact" && canWrite && (
                  <label className="mt-1 block cursor-pointer text-brand-700 underline">
                    {t("uploadArtifact")}
                    <input type="file" className="sr-only" accept={p.strategy === "static" ? ".zip,.tar.gz,.tgz" : `.${p.strategy}`} onChange={async (e) => {
                      const f = e.target.files?.[0];
                      if (!f) return;
                      const form = new FormData();
                      form.append("file", f);
                      const r = await upload.run(async () => {
                        const res = await fetch(`/api/namespaces/${namespace}/pipelines/${p.id}/artifact`, { method: "POST", body: form });
                        const body = await res.json();
                        if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
                        return body as { build: string };
                      });
                      if (r) router.push(`/builds/${namespace}/${r.build}`);
                    }} />
                  </label>
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{p.registry}: {p.image}</td>
              <td className="px-3 py-2 text-xs">{p.updateApp ?? "—"}</td>
              <td className="px-3 py-2">{p.lastRun ? <Link href={`/builds/${namespace}/${p.lastRun.id}`}><BuildStatus status={p.lastRun.status} /></Link> : <span className="text-xs text-slate-600">{t("never")}</span>}</td>
              <td className="px-3 py-2 text-right">{canWrite && <button type="button" className={dangerCls} onClick={() => del(p)}>{t("delete")}</button>}</td>
            </tr>
          ))}
        </Table>
      )}
      {(remove.error ?? upload.error) && <p role="alert" className="text-sm text-rose-700">{localize((remove.error ?? upload.error)!, locale)}</p>}
      {canWrite && !open && <button type="button" className={secondaryCls} onClick={() => setOpen(true)}>{t("new")}</button>}
      {canWrite && open && (
        <form onSubmit={submit} className="grid grid-cols-2 gap-3 rounded-md border border-slate-200 p-4 md:grid-cols-3" aria-label={t("new")}>
          <Field label={t("name")} error={create.fields.name}><input name="name" required className={inputCls} /></Field>
          <Field label={t("source")}>
            <select name="sourceKind" className={inputCls} value={sourceKind} onChange={(e) => setSourceKind(e.target.value as "git" | "artifact")}>
              <option value="git">{t("source_git")}</option>
              <option value="artifact">{t("source_artifact")}</option>
            </select>
          </Field>
          {sourceKind === "git" ? (
            <>
              <Field label={tb("gitUrl")} error={create.fields.gitUrl}><input name="gitUrl" required className={`${inputCls} font-mono`} placeholder="https://github.com/team/app.git" /></Field>
              <Field label={tb("gitRef")} error={create.fields.gitRef}><input name="gitRef" defaultValue="main" className={`${inputCls} font-mono`} /></Field>
              <Field label={tb("gitSubdir")} error={create.fields.gitSubdir}><input name="gitSubdir" className={`${inputCls} font-mono`} /></Field>
            </>
          ) : (
            <Field label={tb("kind")}>
              <select name="kind" className={inputCls} defaultValue="jar">
                {(["jar", "war", "static"] as const).map((k) => <option key={k} value={k}>{tb(`kind_${k}`)}</option>)}
              </select>
            </Field>
          )}
          <Field label={t("image")} error={create.fields.image}><input name="image" required className={`${inputCls} font-mono`} placeholder="shop:latest" /></Field>
          <Field label={tb("registry")} error={create.fields.registry}>
            <select name="registry" className={inputCls}>{registries.map((r) => <option key={r}>{r}</option>)}</select>
          </Field>
          <Field label={t("app")} error={create.fields.updateApp}>
            <select name="updateApp" className={inputCls} defaultValue=""><option value="">—</option>{apps.map((a) => <option key={a}>{a}</option>)}</select>
          </Field>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonCls} disabled={create.pending}>{create.pending ? t("creating") : t("create")}</button>
          </div>
          {create.error && <p role="alert" className="col-span-full text-sm text-rose-700">{localize(create.error, locale)}</p>}
        </form>
      )}
    </div>
  );
}
