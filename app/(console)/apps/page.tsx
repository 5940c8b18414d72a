import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppsTable } from "@/components/apps/apps-table";
import { LoadFailed } from "@/components/shell/load-failed";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, requireConsole } from "@/lib/console";
import { listNamespaceApps } from "@/lib/services/apps";

const PAGE = 50;

export default async function AppsPage({ searchParams }: { searchParams: Promise<{ cursor?: string; q?: string }> }) {
  const t = await getTranslations("apps");
  const ti = await getTranslations("import");
  const ctx = await requireConsole();
  const { cursor, q = "" } = await searchParams;
  const ns = ctx.single;
  const deploy = (
    <div className="flex gap-2">
      <Link href="/apps/import" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{ti("button")}</Link>
      <Link href="/apps/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">{t("deploy")}</Link>
    </div>
  );
  if (!ns) {
    return <NoNamespace title={t("title")} hasNamespaces={ctx.namespaces.length > 0} />;
  }
  try {
    const page = await listNamespaceApps(ctx.actor, ns, { limit: PAGE, cursor, q: q || undefined });
    return (
      <>
        <PageHeader title={t("title")} subtitle={t("subtitle", { namespace: ns })} actions={(await canWriteIn(ctx, ns)) && deploy} />
        <AppsTable namespace={ns} initial={page.items} cursor={page.cursor} q={q} pageSize={PAGE} firstPage={!cursor} />
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("title")} error={e} />;
  }
}
