import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ImportChart } from "@/components/marketplace/import-chart";
import { LoadFailed } from "@/components/shell/load-failed";
import { EmptyState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { listCatalog, mayAuthorTemplates } from "@/lib/services/catalog";
import { TEMPLATE_CATEGORIES } from "@/lib/domain/categories";

export default async function MarketplacePage({ searchParams }: { searchParams: Promise<{ q?: string; category?: string }> }) {
  const t = await getTranslations("marketplace");
  const zh = (await getLocale()) === "zh-CN";
  const ctx = await requireConsole();
  const { q = "", category: wanted } = await searchParams;
  const category = TEMPLATE_CATEGORIES.find((c) => c === wanted); // an unknown one shows all
  const installed = (
    <div className="flex gap-2">
      {mayAuthorTemplates(ctx.actor) && <Link href="/marketplace/new" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{t("newTemplate")}</Link>}
      <Link href="/marketplace/installed" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{t("installedLink")}</Link>
    </div>
  );
  try {
    const { items } = await listCatalog(ctx.actor, { q: q || undefined, category });
    return (
      <>
        <PageHeader title={t("title")} subtitle={t("subtitle")} actions={installed} />
        {ctx.actor.user.platformAdmin && <ImportChart />}
        <form className="mb-4 flex flex-wrap items-end gap-2" role="search">
          <label className="text-sm">
            <span className="sr-only">{t("search")}</span>
            <input name="q" defaultValue={q} placeholder={t("search")} aria-label={t("search")} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          </label>
          <nav aria-label={t("categories")} className="flex gap-1">
            <Link href="/marketplace" aria-current={!category ? "page" : undefined} className={`rounded-md px-3 py-1.5 text-sm ${!category ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>{t("all")}</Link>
            {TEMPLATE_CATEGORIES.map((c) => (
              <Link key={c} href={`/marketplace?category=${c}`} aria-current={category === c ? "page" : undefined} className={`rounded-md px-3 py-1.5 text-sm ${category === c ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>{t(`category.${c}`)}</Link>
            ))}
          </nav>
        </form>
        {items.length === 0 ? (
          <EmptyState title={q ? t("noMatch", { q }) : t("empty")} />
        ) : (
          <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="templates">
            {items.map((tpl) => (
              <li key={tpl.slug}>
                <Link href={`/marketplace/${tpl.slug}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500" data-testid="template-card">
                  <div className="flex items-center gap-2">
                    <span aria-hidden="true" className="text-2xl">{tpl.icon}</span>
                    <span className="font-semibold text-slate-900">{tpl.name}</span>
                    {tpl.private && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{t("private")}</span>}
                    {!tpl.published && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("draft")}</span>}
                  </div>
                  <p className="mt-2 text-sm text-slate-600">{zh ? tpl.descriptionZh : tpl.description}</p>
                  <p className="mt-2 text-xs text-slate-600">{t(`category.${tpl.category}` as never)} · {tpl.latest}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("title")} error={e} />;
  }
}
