"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setClusterContext, setLocale, setNamespace, setTeam } from "@/app/actions/preferences";
import { signOut } from "@/components/auth-client";

const selectCls = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 disabled:opacity-60";

function useRefreshing() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return { pending, run: (fn: () => Promise<void>) => start(async () => { await fn(); router.refresh(); }) };
}

/** A labelled header select that saves a preference and refreshes what the page shows. */
function HeaderSelect({ label, value, options, disabled, save }: { label: string; value: string; options: { value: string; label: string; title?: string }[]; disabled?: boolean; save: (v: string) => Promise<void> }) {
  const { pending, run } = useRefreshing();
  return (
    <label className="flex items-center gap-2 text-xs text-slate-500">
      {label}
      <select aria-label={label} className={selectCls} value={value} disabled={pending || disabled} onChange={(e) => run(() => save(e.target.value))}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

export function ClusterPicker({ contexts, current }: { contexts: { name: string; displayName: string; server: string; unreachable?: string }[]; current: string }) {
  const t = useTranslations("header");
  const options = contexts.map((c) => ({ value: c.name, label: c.unreachable ? t("unreachable", { name: c.displayName }) : c.displayName, title: `${c.name} · ${c.server}` }));
  return <HeaderSelect label={t("cluster")} value={current} disabled={contexts.length < 2} save={setClusterContext} options={options} />;
}

export function TeamPicker({ teams, current }: { teams: { slug: string; name: string }[]; current: string }) {
  const t = useTranslations("header");
  const options = teams.length ? teams.map((tm) => ({ value: tm.slug, label: tm.name })) : [{ value: "", label: t("noTeam") }];
  return <HeaderSelect label={t("team")} value={current} disabled={teams.length === 0} save={setTeam} options={options} />;
}

export function NamespacePicker({ namespaces, current }: { namespaces: string[]; current: string }) {
  const t = useTranslations("header");
  return <HeaderSelect label={t("namespace")} value={current} save={setNamespace} options={[{ value: "", label: t("allNamespaces") }, ...namespaces.map((n) => ({ value: n, label: n }))]} />;
}

export function LanguageSwitch() {
  const t = useTranslations("header");
  const locale = useLocale();
  const { pending, run } = useRefreshing();
  return (
    <select aria-label={t("language")} className={selectCls} value={locale} disabled={pending} onChange={(e) => run(() => setLocale(e.target.value))}>
      <option value="en">English</option>
      <option value="zh-CN">简体中文</option>
    </select>
  );
}

export function SignOutButton() {
  const t = useTranslations("header");
  return (
    <button type="button" onClick={() => signOut("/login")} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
      {t("signOut")}
    </button>
  );
}
