"use client";
// Upgrade (a version and values, with the diff first; values not changed are kept, secret
// values too unless retyped) and uninstall (type the name; data volumes kept unless asked).
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localize } from "@/components/localize";
import type { ParametersSchema } from "@/lib/domain/templates";
import { api, ApiError } from "../api";
import { DiffView, type DiffEntry } from "../apps/diff-view";
import { Card } from "../ui/card";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls } from "../ui/form";
import { SchemaForm } from "./schema-form";

export function ReleaseActions({ namespace, name, current, values: initial, secrets, versions }: { namespace: string; name: string; current: string; values: Record<string, unknown>; secrets: string[]; versions: { version: string; parameters: ParametersSchema }[] }) {
  const t = useTranslations("marketplace");
  const locale = useLocale();
  const router = useRouter();
  const [version, setVersion] = useState(current);
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [preview, setPreview] = useState<{ objects: DiffEntry[]; removed: { kind: string; name: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [confirm, setConfirm] = useState("");
  const [deleteData, setDeleteData] = useState(false);
  const [kept, setKept] = useState<string[] | null>(null);
  const schema = versions.find((v) => v.version === version)?.parameters;
  const url = `/api/namespaces/${namespace}/releases/${name}`;

  async function run(fn: () => Promise<void>) {
    setPending(true);
    setError(null);
    setFields({});
    try {
      await fn();
    } catch (e) {
      setError(localize((e as Error).message, locale));
      if (e instanceof ApiError && e.fields) setFields(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, localize(v, locale)])));
    } finally {
      setPending(false);
    }
  }
  const upgrade = (dryRun: boolean) =>
    run(async () => {
      const out = await api<{ objects: DiffEntry[]; removed: { kind: string; name: string }[] }>("PUT", url, { version, values, dryRun });
      if (dryRun) setPreview(out);
      else {
        setPreview(null);
        router.refresh();
      }
    });
  const uninstall = () =>
    run(async () => {
      const out = await api<{ keptVolumes: string[] }>("DELETE", url, { confirm, deleteData });
      setKept(out.keptVolumes);
      if (out.keptVolumes.length === 0) router.push("/marketplace/installed");
    });

  if (kept) {
    return (
      <Card title={t("uninstalled")}>
        <p className="text-sm" data-testid="kept-volumes">{t("keptVolumes", { volumes: kept.join(", ") })}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <Card title={t("upgrade")}>
        <div className="space-y-3">
          <Field label={t("version")}>
            <select className={inputCls} value={version} onChange={(e) => setVersion(e.target.value)}>
              {versions.map((v) => <option key={v.version} value={v.version}>{v.version}{v.version === current ? ` (${t("current")})` : ""}</option>)}
            </select>
          </Field>
          {schema && <SchemaForm schema={schema} value={values} onChange={setValues} errors={fields} secretsSet={secrets} />}
          <div className="flex gap-2">
            <button type="button" className={secondaryCls} disabled={pending} onClick={() => upgrade(true)}>{t("previewUpgrade")}</button>
            <button type="button" className={buttonCls} disabled={pending} onClick={() => upgrade(false)}>{t("upgradeButton")}</button>
          </div>
          {preview && (
            <div>
              <DiffView diffs={preview.objects} />
              {preview.removed.length > 0 && <p className="mt-2 text-sm text-rose-700">{t("willRemove", { objects: preview.removed.map((r) => `${r.kind}/${r.name}`).join(", ") })}</p>}
            </div>
          )}
        </div>
      </Card>
      {error && <p role="alert" className="text-sm text-rose-700" data-testid="release-error">{error}</p>}
      <Card title={t("uninstall")}>
        <div className="space-y-3">
          <p className="text-sm text-slate-700">{t("uninstallHint")}</p>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} />{t("deleteData")}</label>
          <Field label={t("confirmName", { name })} error={fields.confirm}>
            <input className={inputCls} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </Field>
          <button type="button" className={dangerCls} disabled={pending || confirm !== name} onClick={uninstall}>{t("uninstallButton")}</button>
        </div>
      </Card>
    </div>
  );
}
