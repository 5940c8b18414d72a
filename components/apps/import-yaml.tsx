"use client";
// Import YAML: paste or load documents, check them (every object dry-run as you, with its
// diff), then import them all — or, if anything is refused, nothing.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localize } from "@/components/localize";
import { ApiError } from "../api";
import { buttonCls, Field, secondaryCls } from "../ui/form";
import { DiffView, type DiffEntry } from "./diff-view";

interface Problem { object?: string; message: string }

export function ImportYaml({ namespace }: { namespace: string }) {
  const t = useTranslations("import");
  const locale = useLocale();
  const [yaml, setYaml] = useState("");
  const [objects, setObjects] = useState<DiffEntry[] | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function send(dryRun: boolean) {
    setPending(true);
    setError(null);
    setProblems([]);
    try {
      const res = await fetch(`/api/namespaces/${namespace}/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ yaml, dryRun }) });
      const body = await res.json();
      if (!res.ok) {
        setObjects(null);
        setError(localize(body.error?.message ?? `HTTP ${res.status}`, locale));
        setProblems((body.error?.details?.problems ?? body.error?.details?.refused ?? []) as Problem[]);
        throw new ApiError(body.error?.message, res.status, body.error?.code);
      }
      if (dryRun) setObjects(body.objects);
      else setDone(true);
    } catch {
      /* shown above */
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        <p>{t("done")}</p>
        <Link href="/apps" className={`${buttonCls} mt-3`}>{t("toApps")}</Link>
      </div>
    );
  }
  return (
    <div className="max-w-5xl space-y-4">
      <Field label={t("yaml")}>
        <textarea spellCheck={false} className="h-80 w-full rounded-md border border-slate-300 p-3 font-mono text-xs" value={yaml} onChange={(e) => { setYaml(e.target.value); setObjects(null); }} />
      </Field>
      <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-700">
        {t("file")}
        <input type="file" accept=".yaml,.yml,.json" className="text-sm" onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setYaml(await f.text()); setObjects(null); } }} />
      </label>
      <div className="flex gap-2">
        <button type="button" className={objects ? secondaryCls : buttonCls} disabled={!yaml.trim() || pending} onClick={() => send(true)}>{pending && !objects ? t("checking") : t("check")}</button>
        {objects && <button type="button" className={buttonCls} disabled={pending} onClick={() => send(false)}>{pending ? t("applying") : t("apply", { count: objects.length })}</button>}
      </div>
      {error && (
        <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          <p className="font-semibold">{t("problems")}</p>
          <p className="mt-1" data-testid="import-error">{error}</p>
          {problems.length > 1 && <ul className="mt-2 list-disc pl-5">{problems.map((p, i) => <li key={i}>{localize(p.message, locale)}</li>)}</ul>}
        </div>
      )}
      {objects && (
        <div>
          <h2 className="mb-2 text-sm font-semibold">{t("objects")}</h2>
          <DiffView diffs={objects} />
        </div>
      )}
    </div>
  );
}
