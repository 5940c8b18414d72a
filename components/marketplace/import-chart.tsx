"use client";
// Platform admins: a Helm chart archive (.tgz, up to 2 MB) imported as a template.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { TEMPLATE_CATEGORIES } from "@/lib/domain/categories";
import { localize } from "@/components/localize";
import { buttonCls, Field, inputCls } from "../ui/form";

export function ImportChart() {
  const t = useTranslations("marketplace");
  const locale = useLocale();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState("other");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send() {
    if (!file) return;
    setPending(true);
    setError(null);
    const form = new FormData();
    form.append("category", category);
    form.append("file", file);
    try {
      const res = await fetch("/api/templates/charts", { method: "POST", body: form });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      router.push(`/marketplace/${body.slug}`);
    } catch (e) {
      setError(localize((e as Error).message, locale));
    } finally {
      setPending(false);
    }
  }

  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("importChart")}</summary>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Field label={t("chartFile")} hint={t("chartHint")}>
          <input type="file" accept=".tgz,application/gzip" className="text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Field label={t("categoryLabel")}>
          <select className={inputCls} value={category} onChange={(e) => setCategory(e.target.value)}>
            {TEMPLATE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </Field>
        <button type="button" className={buttonCls} disabled={!file || pending} onClick={send}>{pending ? t("importing") : t("importButton")}</button>
      </div>
      {error && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
    </details>
  );
}
