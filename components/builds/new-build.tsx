"use client";
// New build: three sources (an artifact, an archive with a Dockerfile, a Git repository),
// sent as multipart/form-data with upload progress; the build page follows it from there.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { localize } from "@/components/localize";
import { buttonCls, Field, inputCls } from "../ui/form";

type Source = "artifact" | "dockerfile" | "git";
type Kind = "jar" | "war" | "static";

export interface NewBuildProps {
  namespace: string;
  registries: { name: string; url: string }[];
  bases: Record<Kind, string[]>;
  apps: string[];
  maxUpload: string;
}

/** POSTs the form with XMLHttpRequest, for upload progress (fetch cannot report it). */
function send(url: string, form: FormData, onProgress: (percent: number) => void): Promise<{ status: number; body: { id?: string; error?: { message: string; details?: { fields?: Record<string, string> } } } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(form);
  });
}

export function NewBuild({ namespace, registries, bases, apps, maxUpload }: NewBuildProps) {
  const t = useTranslations("builds");
  const locale = useLocale();
  const router = useRouter();
  const [source, setSource] = useState<Source>("artifact");
  const [kind, setKind] = useState<Kind>("jar");
  const [base, setBase] = useState(bases.jar[0] ?? "");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // Fields first, the file last: the server reads them as they stream in.
    const ordered = new FormData();
    for (const [k, v] of form.entries()) if (k !== "file" && typeof v === "string" && v.trim() !== "") ordered.append(k, v);
    const file = form.get("file");
    if (file instanceof File && file.size + file.name.length > 0) ordered.append("file", file);
    setError(null);
    setFields({});
    setProgress(0);
    try {
      const r = await send(`/api/namespaces/${namespace}/builds`, ordered, setProgress);
      if (r.status === 201 && r.body.id) {
        router.push(`/builds/${namespace}/${r.body.id}`);
        return;
      }
      setError(localize(r.body.error?.message ?? `HTTP ${r.status}`, locale));
      setFields(r.body.error?.details?.fields ?? {});
    } catch (err) {
      setError((err as Error).message);
    }
    setProgress(null);
  }

  const pickKind = (k: Kind) => {
    setKind(k);
    setBase(bases[k][0] ?? "");
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t("new")}>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">{t("source")}</legend>
        {(["artifact", "dockerfile", "git"] as const).map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm">
            <input type="radio" name="source" value={s} checked={source === s} onChange={() => setSource(s)} />
            {t(`source_${s}`)}
          </label>
        ))}
      </fieldset>

      {source === "artifact" && (
        <div className="grid grid-cols-2 gap-4">
          <Field label={t("kind")}>
            <select name="kind" className={inputCls} value={kind} onChange={(e) => pickKind(e.target.value as Kind)}>
              {(["jar", "war", "static"] as const).map((k) => <option key={k} value={k}>{t(`kind_${k}`)}</option>)}
            </select>
          </Field>
          <Field label={t("file")} hint={t("fileHint", { limit: maxUpload })} error={fields.file}>
            <input type="file" name="file" required className="block w-full text-sm" accept={kind === "static" ? ".zip,.tar.gz,.tgz" : kind === "war" ? ".war" : ".jar"} />
          </Field>
          <Field label={t("base")} hint={t("baseHint")} error={fields.base}>
            <input name="base" list="build-bases" className={`${inputCls} font-mono`} value={base} onChange={(e) => setBase(e.target.value)} />
          </Field>
          <datalist id="build-bases">{bases[kind].map((b) => <option key={b} value={b} />)}</datalist>
          <Field label={t("port")} error={fields.port}>
            <input name="port" inputMode="numeric" className={inputCls} defaultValue={kind === "static" ? "80" : "8080"} key={kind} />
          </Field>
          {kind !== "static" && (
            <Field label={t("jvm")} hint={t("jvmHint")} error={fields.jvmOptions}>
              <input name="jvmOptions" className={`${inputCls} font-mono`} />
            </Field>
          )}
          <Field label={t("env")} error={fields.env}>
            <textarea name="env" rows={2} className={`${inputCls} font-mono text-xs`} />
          </Field>
        </div>
      )}

      {source === "dockerfile" && (
        <div className="grid grid-cols-2 gap-4">
          <Field label={t("archive")} hint={t("fileHint", { limit: maxUpload })} error={fields.file}>
            <input type="file" name="file" required className="block w-full text-sm" accept=".zip,.tar.gz,.tgz" />
          </Field>
          <Field label={t("dockerfile")} error={fields.dockerfile}>
            <input name="dockerfile" className={`${inputCls} font-mono`} defaultValue="Dockerfile" />
          </Field>
        </div>
      )}

      {source === "git" && (
        <div className="grid grid-cols-2 gap-4">
          <div className="col-span-2">
            <Field label={t("gitUrl")} hint={t("gitUrlHint")} error={fields.gitUrl}>
              <input name="gitUrl" required className={`${inputCls} font-mono`} />
            </Field>
          </div>
          <Field label={t("gitRef")} error={fields.gitRef}>
            <input name="gitRef" className={`${inputCls} font-mono`} defaultValue="main" />
          </Field>
          <Field label={t("gitSubdir")} error={fields.gitSubdir}>
            <input name="gitSubdir" className={`${inputCls} font-mono`} />
          </Field>
          <Field label={t("dockerfile")} error={fields.dockerfile}>
            <input name="dockerfile" className={`${inputCls} font-mono`} defaultValue="Dockerfile" />
          </Field>
        </div>
      )}

      {source !== "artifact" && <p className="text-xs text-slate-600">{t("baseFromDockerfile")}</p>}

      <div className="grid grid-cols-3 gap-4 border-t border-slate-100 pt-4">
        <Field label={t("registry")} error={fields.registry}>
          <select name="registry" className={inputCls} defaultValue={registries[0]?.name}>
            {registries.map((r) => <option key={r.name} value={r.name}>{r.name} ({r.url.replace(/^https?:\/\//, "")})</option>)}
          </select>
        </Field>
        <Field label={t("image")} hint={t("imageHint")} error={fields.image}>
          <input name="image" required className={`${inputCls} font-mono`} placeholder="java-demo:v1.0" />
        </Field>
        <Field label={t("updateApp")} hint={t("updateAppHint")} error={fields.updateApp}>
          <select name="updateApp" className={inputCls} defaultValue="">
            <option value="">—</option>
            {apps.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </Field>
      </div>

      {error && <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{error}</p>}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonCls} disabled={progress !== null}>{progress !== null ? t("starting") : t("start")}</button>
        {progress !== null && (
          <span className="flex items-center gap-2 text-sm text-slate-700" role="status">
            <progress max={100} value={progress} className="h-2 w-40" aria-label={t("uploaded", { percent: progress })} />
            {t("uploaded", { percent: progress })}
          </span>
        )}
      </div>
    </form>
  );
}
