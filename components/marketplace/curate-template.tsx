"use client";
// A template's curators: publish it or take it back to draft, edit its texts, deprecate or
// restore versions. Every change goes through /api/templates/<slug>… and is checked there.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localize } from "@/components/localize";
import { api } from "../api";
import { Card } from "../ui/card";
import { buttonCls, Field, inputCls, secondaryCls } from "../ui/form";
import { TEMPLATE_CATEGORIES } from "@/lib/domain/categories";

interface Template {
  slug: string;
  name: string;
  category: string;
  icon: string;
  description: string;
  descriptionZh: string;
  readme: string;
  readmeZh: string;
  published: boolean;
  versions: { version: string; changelog: string; deprecated: boolean }[];
}

export function CurateTemplate({ template }: { template: Template }) {
  const t = useTranslations("curate");
  const tm = useTranslations("marketplace");
  const locale = useLocale();
  const router = useRouter();
  const [texts, setTexts] = useState({ name: template.name, category: template.category, icon: template.icon, description: template.description, descriptionZh: template.descriptionZh, readme: template.readme, readmeZh: template.readmeZh });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (k: keyof typeof texts) => (e: { target: { value: string } }) => { setTexts({ ...texts, [k]: e.target.value }); setSaved(null); };

  async function change(url: string, body: unknown, done: string) {
    setPending(true);
    setError(null);
    setSaved(null);
    try {
      await api("PATCH", url, body);
      setSaved(done);
      router.refresh();
    } catch (e) {
      setError(localize((e as Error).message, locale));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <Card title={t("publishing")}>
        <p className="text-sm text-slate-700" data-testid="publish-state">{template.published ? t("isPublished") : t("isDraft")}</p>
        <button type="button" className={`mt-3 ${template.published ? secondaryCls : buttonCls}`} disabled={pending}
          onClick={() => change(`/api/templates/${template.slug}`, { published: !template.published }, template.published ? t("unpublishedDone") : t("publishedDone"))}>
          {template.published ? t("unpublish") : t("publish")}
        </button>
      </Card>
      <Card title={tm("versions")}>
        <ul className="divide-y divide-slate-100 text-sm">
          {template.versions.map((v) => (
            <li key={v.version} className="flex items-center justify-between gap-3 py-2">
              <div>
                <span className="font-mono">{v.version}</span>
                {v.deprecated && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{tm("deprecated")}</span>}
                <p className="text-slate-600">{v.changelog}</p>
              </div>
              <button type="button" className={secondaryCls} disabled={pending}
                aria-label={v.deprecated ? t("restoreVersion", { version: v.version }) : t("deprecateVersion", { version: v.version })}
                onClick={() => change(`/api/templates/${template.slug}/versions/${encodeURIComponent(v.version)}`, { deprecated: !v.deprecated }, v.deprecated ? t("restoredDone", { version: v.version }) : t("deprecatedDone", { version: v.version }))}>
                {v.deprecated ? t("restore") : t("deprecate")}
              </button>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">{t("deprecateHint")}</p>
      </Card>
      <Card title={t("details")}>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <Field label={t("name")}><input className={inputCls} value={texts.name} onChange={set("name")} /></Field>
          <Field label={tm("categoryLabel")}>
            <select className={inputCls} value={texts.category} onChange={set("category")}>
              {TEMPLATE_CATEGORIES.map((c) => <option key={c} value={c}>{tm(`category.${c}`)}</option>)}
            </select>
          </Field>
          <Field label={t("icon")} hint={t("iconHint")}><input className={inputCls} value={texts.icon} onChange={set("icon")} /></Field>
          <div />
          <Field label={t("description")}><input className={inputCls} value={texts.description} onChange={set("description")} /></Field>
          <Field label={t("descriptionZh")}><input className={inputCls} value={texts.descriptionZh} onChange={set("descriptionZh")} /></Field>
          <Field label={t("readme")}><textarea className={`${inputCls} h-32`} value={texts.readme} onChange={set("readme")} /></Field>
          <Field label={t("readmeZh")}><textarea className={`${inputCls} h-32`} value={texts.readmeZh} onChange={set("readmeZh")} /></Field>
        </div>
        <button type="button" className={`mt-3 ${buttonCls}`} disabled={pending} onClick={() => change(`/api/templates/${template.slug}`, texts, t("savedDone"))}>{t("saveDetails")}</button>
      </Card>
      <div aria-live="polite">
        {error && <p role="alert" className="text-sm text-rose-700" data-testid="curate-error">{error}</p>}
        {saved && <p className="text-sm text-emerald-700" data-testid="curate-saved">{saved}</p>}
      </div>
    </div>
  );
}
