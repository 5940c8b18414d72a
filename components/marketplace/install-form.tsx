"use client";
// Installing a template: a release name, a version and the generated parameters form; Preview
// shows what would be created (server-side dry run, secrets redacted), Install creates it.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localize } from "@/components/localize";
import type { ParametersSchema } from "@/lib/domain/templates";
import { api, ApiError } from "../api";
import { DiffView, type DiffEntry } from "../apps/diff-view";
import { buttonCls, Field, inputCls, secondaryCls } from "../ui/form";
import { SchemaForm } from "./schema-form";

export function InstallForm({ namespace, template, versions }: { namespace: string; template: string; versions: { version: string; parameters: ParametersSchema }[] }) {
  const t = useTranslations("marketplace");
  const locale = useLocale();
  const router = useRouter();
  const [name, setName] = useState(template);
  const [version, setVersion] = useState(versions[0]?.version ?? "");
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [preview, setPreview] = useState<DiffEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const schema = versions.find((v) => v.version === version)?.parameters;

  async function send(dryRun: boolean) {
    setPending(true);
    setError(null);
    setFields({});
    try {
      const out = await api<{ objects?: DiffEntry[]; name?: string }>("POST", `/api/namespaces/${namespace}/releases`, { template, version, name, values, dryRun });
      if (dryRun) setPreview(out.objects ?? []);
      else router.push(`/marketplace/installed/${name}`);
    } catch (e) {
      setPreview(null);
      setError(localize((e as Error).message, locale));
      if (e instanceof ApiError && e.fields) setFields(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, localize(v, locale)])));
    } finally {
      setPending(false);
    }
  }

  if (!schema) return <p className="text-sm text-slate-600">{t("noVersion")}</p>;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("releaseName")} error={fields.name} hint={t("releaseNameHint")}>
          <input className={inputCls} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("version")}>
          <select className={inputCls} value={version} onChange={(e) => setVersion(e.target.value)}>
            {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
          </select>
        </Field>
      </div>
      <SchemaForm schema={schema} value={values} onChange={setValues} errors={fields} />
      {error && <p role="alert" className="text-sm text-rose-700" data-testid="install-error">{error}</p>}
      <div className="flex gap-2">
        <button type="button" className={secondaryCls} disabled={pending} onClick={() => send(true)}>{t("preview")}</button>
        <button type="button" className={buttonCls} disabled={pending} onClick={() => send(false)}>{pending ? t("installing") : t("install")}</button>
      </div>
      {preview && (
        <div>
          <h3 className="mb-2 text-sm font-semibold">{t("previewTitle")}</h3>
          <DiffView diffs={preview} />
        </div>
      )}
    </div>
  );
}
