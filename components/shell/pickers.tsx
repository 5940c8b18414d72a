"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setClusterContext, setLocale, setNamespace, setTeam } from "@/app/actions/preferences";
import { signOut } from "next-auth/react";

const selectCls = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 disabled:opacity-60";

function useRefreshing() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return { pending, run: (fn: () => Promise<void>) => start(async () => { await fn(); router.refresh(); }) };
}

export function ClusterPicker({ contexts, current }: { contexts: { name: string; server: string }[]; current: string }) {
  const t = useTranslations("header");
  const { pending, run } = useRefreshing();
  return (
    <label className="flex items-center gap-2 text-xs text-slate-500">
      {t("cluster")}
      <select aria-label={t("cluster")} className={selectCls} value={current} disabled={pending || contexts.length < 2} onChange={(e) => run(() => setClusterContext(e.target.value))}>
        {contexts.map((c) => (
          <option key={c.name} value={c.name} title={c.server}>{c.name}</option>
        ))}
      </select>
    </label>
  );
}

export function NamespacePicker({ namespaces, current, allowAll }: { namespaces: string[]; current: string; allowAll: boolean }) {
  const t = useTranslations("header");
  const { pending, run } = useRefreshing();
  return (
    <label className="flex items-center gap-2 text-xs text-slate-500">
      {t("namespace")}
      <select aria-label={t("namespace")} className={selectCls} value={current} disabled={pending} onChange={(e) => run(() => setNamespace(e.target.value))}>
        {allowAll && <option value="">{t("allNamespaces")}</option>}
        {namespaces.length === 0 && !allowAll && <option value="">{t("noNamespaces")}</option>}
        {namespaces.map((n) => (
          <option key={n} value={n}>{n}</option>
        ))}
      </select>
    </label>
  );
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
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
      {t("signOut")}
    </button>
  );
}

export function TeamPicker({ teams, current }: { teams: { slug: string; name: string }[]; current: string }) {
  const t = useTranslations("header");
  const { pending, run } = useRefreshing();
  return (
    <label className="flex items-center gap-2 text-xs text-slate-500">
      {t("team")}
      <select aria-label={t("team")} className={selectCls} value={current} disabled={pending || teams.length === 0} onChange={(e) => run(() => setTeam(e.target.value))}>
        {teams.length === 0 && <option value="">{t("noTeam")}</option>}
        {teams.map((tm) => (
          <option key={tm.slug} value={tm.slug}>{tm.name}</option>
        ))}
      </select>
    </label>
  );
}
