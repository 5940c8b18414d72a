import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BuildsTable } from "@/components/builds/builds-table";
import { NewBuild } from "@/components/builds/new-build";
import { LoadFailed } from "@/components/shell/load-failed";
import { NoNamespace } from "@/components/shell/no-namespace";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, consoleOrigin, requireConsole, updatableApps } from "@/lib/console";
import { BUILD_STATUSES } from "@/lib/domain/build";
import { formatBytes, maxUploadBytes } from "@/lib/http/multipart";
import { baseSuggestions, listBuilds } from "@/lib/services/builds";
import { listPipelines } from "@/lib/services/pipelines";
import { teamRegistries } from "@/lib/services/registries";
import { Pipelines } from "@/components/builds/pipelines";

export default async function BuildsPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; before?: string; new?: string }> }) {
  const t = await getTranslations("builds");
  const ctx = await requireConsole();
  const ns = ctx.single;
  const sp = await searchParams;
  if (!ns) {
    return <NoNamespace title={t("title")} hasNamespaces={ctx.namespaces.length > 0} />;
  }
  try {
    const renderedAt = new Date().toISOString();
    const status = (BUILD_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as (typeof BUILD_STATUSES)[number]) : undefined;
    const before = sp.before && !Number.isNaN(Date.parse(sp.before)) ? new Date(sp.before) : undefined;
    const [page, registries, apps, pipelines] = await Promise.all([
      listBuilds(ctx.actor, ns, { limit: 30, status, q: sp.q || undefined, before }),
      ctx.actor.team ? teamRegistries(ctx.actor, ctx.actor.team.slug) : Promise.resolve([]),
      updatableApps(ctx, ns),
      listPipelines(ctx.actor, ns),
    ]);
    const origin = await consoleOrigin();
    const open = sp.new === "1" || page.items.length === 0;
    const canWrite = await canWriteIn(ctx, ns);
    const rows = page.items.map((b) => ({ ...b, createdAt: b.createdAt.toISOString(), startedAt: b.startedAt?.toISOString() ?? null, finishedAt: b.finishedAt?.toISOString() ?? null, updatedAt: b.updatedAt.toISOString() }));
    return (
      <>
        <PageHeader
          title={t("title")}
          subtitle={t("subtitle", { namespace: ns })}
          actions={canWrite && <Link href={open ? "/builds" : "/builds?new=1"} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">{open ? t("hideNew") : t("new")}</Link>}
        />
        {open && canWrite && (
          <Card title={t("new")} className="mb-6">
            <NewBuild namespace={ns} registries={registries.map((r) => ({ name: r.name, url: r.url }))} bases={baseSuggestions()} apps={apps} maxUpload={formatBytes(maxUploadBytes())} />
          </Card>
        )}
        <form className="mb-3 flex flex-wrap items-end gap-2" method="get" role="search">
          <label className="text-sm">
            <span className="sr-only">{t("col.status")}</span>
            <select name="status" defaultValue={status ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
              <option value="">{t("allStatuses")}</option>
              {BUILD_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </label>
          <label className="text-sm">
            <span className="sr-only">{t("filter")}</span>
            <input name="q" defaultValue={sp.q ?? ""} placeholder={t("filter")} className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{t("apply")}</button>
        </form>
        <BuildsTable namespace={ns} initial={rows} addNew={!status && !sp.q && !before} renderedAt={renderedAt} />
        {page.next && (
          <div className="mt-3">
            <Link className="text-sm text-brand-700 underline" href={`/builds?${new URLSearchParams({ ...(status ? { status } : {}), ...(sp.q ? { q: sp.q } : {}), before: page.next })}`}>{t("more")}</Link>
          </div>
        )}
        <Card title={t("pipelines")} className="mt-8">
          <Pipelines
            namespace={ns}
            pipelines={pipelines.items.map((p) => ({ ...p, lastRun: p.lastRun && { ...p.lastRun, createdAt: p.lastRun.createdAt.toISOString() } }))}
            registries={registries.map((r) => r.name)}
            apps={apps}
            canWrite={canWrite}
            origin={origin}
          />
        </Card>
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("title")} error={e} />;
  }
}
