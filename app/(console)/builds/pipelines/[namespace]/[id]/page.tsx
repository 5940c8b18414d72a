import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localize } from "@/lib/domain/messages";
import { BuildStatus } from "@/components/builds/builds-table";
import { LoadFailed } from "@/components/shell/load-failed";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/states";
import { Table } from "@/components/ui/table";
import { consoleOrigin, requireConsole } from "@/lib/console";
import { getPipeline } from "@/lib/services/pipelines";

export default async function PipelinePage({ params }: { params: Promise<{ namespace: string; id: string }> }) {
  const { namespace, id } = await params;
  const t = await getTranslations("pipelines");
  const ctx = await requireConsole();
  const locale = await getLocale();
  const back = <Link href="/builds" className="text-sm text-brand-700 underline">{t("back")}</Link>;
  try {
    const p = await getPipeline(ctx.actor, namespace, id);
    return (
      <>
        <PageHeader title={`${t("title")} · ${p.name}`} subtitle={`${p.sourceKind === "git" ? `${p.gitUrl}#${p.gitRef}` : `${t("latestArtifact", { kind: p.strategy })}: ${p.artifactName ?? t("none")}`} → ${p.registry}: ${p.image}${p.updateApp ? ` → ${p.updateApp}` : ""}`} actions={back} />
        <p className="mb-4 text-sm text-slate-700">{t("webhook")}: <code className="break-all">{await consoleOrigin()}{p.webhook}</code></p>
        <Card title={t("runs")}>
          {p.runs.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noRuns")}</p>
          ) : (
            <Table testId="pipeline-runs" headers={[t("build"), t("result"), t("commit"), t("appUpdated")]}>
              {p.runs.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2 text-xs"><Link className="text-brand-700 underline" href={`/builds/${namespace}/${r.id}`}><time dateTime={r.createdAt.toISOString()}>{r.createdAt.toISOString().replace("T", " ").slice(0, 19)}</time></Link></td>
                  <td className="px-3 py-2"><BuildStatus status={r.status} />{r.error && <div className="mt-1 text-xs text-rose-700">{localize(r.error, locale)}</div>}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.gitCommit?.slice(0, 12) ?? "—"}</td>
                  <td className="px-3 py-2 text-xs">{p.updateApp ? (r.appUpdated ? t("yes") : t("no")) : "—"}</td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("title")} actions={back} error={e} />;
  }
}
