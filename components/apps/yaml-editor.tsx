"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "../api";
import { Card } from "../ui/card";
import { buttonCls, secondaryCls, useAction } from "../ui/form";
import { DiffView, type DiffEntry } from "./diff-view";

export function YamlEditor({ base, canWrite }: { base: string; canWrite: boolean }) {
  const t = useTranslations("app.yaml");
  const [yaml, setYaml] = useState<string | null>(null);
  const [diffs, setDiffs] = useState<DiffEntry[] | null>(null);
  const [done, setDone] = useState(false);
  const action = useAction();
  useEffect(() => {
    void action.run(async () => setYaml((await api<{ yaml: string }>("GET", `${base}/yaml`)).yaml));
  }, [base]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Card title="YAML" action={<a className="text-sm text-brand-700 underline" href={`${base}/export`} download>{t("export")}</a>}>
      <textarea aria-label="YAML" spellCheck={false} className="h-96 w-full rounded-md border border-slate-300 p-3 font-mono text-xs" value={yaml ?? ""} readOnly={!canWrite}
        onChange={(e) => { setYaml(e.target.value); setDiffs(null); setDone(false); }} />
      {action.error && <p role="alert" className="mt-2 text-sm text-rose-700">{action.error}</p>}
      {canWrite && (
        <div className="mt-3 flex gap-2">
          <button type="button" className={secondaryCls} disabled={!yaml || action.pending} onClick={() => action.run(async () => setDiffs((await api<{ diffs: DiffEntry[] }>("PUT", `${base}/yaml`, { yaml, dryRun: true })).diffs))}>{t("review")}</button>
          <button type="button" className={buttonCls} disabled={!diffs || action.pending} onClick={async () => {
            const ok = await action.run(() => api("PUT", `${base}/yaml`, { yaml }));
            if (ok) {
              setDone(true);
              setDiffs(null);
              setYaml((await api<{ yaml: string }>("GET", `${base}/yaml`)).yaml);
            }
          }}>{t("apply")}</button>
        </div>
      )}
      {done && <p className="mt-2 text-sm text-emerald-700">{t("applied")}</p>}
      {diffs && (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-semibold">{t("reviewTitle")}</h3>
          {diffs.every((d) => d.action === "unchanged") ? <p className="text-sm text-slate-500">{t("noChanges")}</p> : <DiffView diffs={diffs} />}
        </div>
      )}
    </Card>
  );
}
