import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BuildDetail } from "@/components/builds/build-detail";
import { LoadFailed } from "@/components/shell/load-failed";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, requireConsole, updatableApps } from "@/lib/console";
import { getBuild } from "@/lib/services/builds";
import { teamRegistries } from "@/lib/services/registries";

export default async function BuildPage({ params }: { params: Promise<{ namespace: string; id: string }> }) {
  const { namespace, id } = await params;
  const t = await getTranslations("builds");
  const ctx = await requireConsole();
  const back = <Link href="/builds" className="text-sm text-brand-700 underline">{t("back")}</Link>;
  try {
    const renderedAt = new Date().toISOString();
    const b = await getBuild(ctx.actor, namespace, id);
    const [apps, registries] = await Promise.all([
      updatableApps(ctx, namespace),
      ctx.actor.team ? teamRegistries(ctx.actor, ctx.actor.team.slug) : Promise.resolve([]),
    ]);
    const canWrite = await canWriteIn(ctx, namespace);
    const view = {
      ...b,
      steps: b.steps as { name: string; startedAt: string; finishedAt?: string; detail?: string }[],
      createdAt: b.createdAt.toISOString(),
      startedAt: b.startedAt?.toISOString() ?? null,
      finishedAt: b.finishedAt?.toISOString() ?? null,
      updatedAt: b.updatedAt.toISOString(),
    };
    return (
      <>
        <PageHeader title={t("detail", { id: b.id.slice(0, 10) })} subtitle={namespace} actions={back} />
        <BuildDetail namespace={namespace} initial={view} apps={apps} pullSecret={registries.find((r) => r.name === b.registry)?.pullSecret ?? null} port={b.port ? String(b.port) : undefined} canWrite={canWrite} renderedAt={renderedAt} />
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("detail", { id: id.slice(0, 10) })} about={t("title")} actions={back} error={e} />;
  }
}
