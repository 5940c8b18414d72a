import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReleaseActions } from "@/components/marketplace/release-actions";
import { ReleaseStatusBadge } from "@/components/marketplace/release-status";
import { LoadFailed } from "@/components/shell/load-failed";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, requireConsole } from "@/lib/console";
import type { ParametersSchema } from "@/lib/domain/templates";
import { getTemplate } from "@/lib/services/catalog";
import { getRelease } from "@/lib/services/releases";

export default async function ReleasePage({ params }: { params: Promise<{ name: string }> }) {
  const t = await getTranslations("marketplace");
  const ctx = await requireConsole();
  const { name } = await params;
  const ns = ctx.single;
  let r;
  let tpl;
  try {
    if (!ns) throw new Error(t("pickNamespace"));
    r = await getRelease(ctx.actor, ns, name);
    tpl = await getTemplate(ctx.actor, r.template.slug);
  } catch (e) {
    return <LoadFailed title={t("installedTitle")} about={name} actions={<Link href="/marketplace/installed" className="text-sm text-brand-700 underline">{t("backInstalled")}</Link>} error={e} />;
  }
  const shown = Object.entries(r.values as Record<string, unknown>);
  return (
    <>
      <PageHeader title={`${r.template.icon} ${r.name}`} subtitle={t("releaseSubtitle", { template: r.template.name, version: r.version, namespace: r.namespace })} actions={<Link href="/marketplace/installed" className="text-sm text-brand-700 underline">{t("backInstalled")}</Link>} />
      <div className="mb-4"><ReleaseStatusBadge status={r.status} reason={r.reason} /></div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <div className="space-y-4">
          <Card title={t("objects")}>
            <Table headers={[t("kind"), t("name"), t("state")]} testId="release-objects">
              {r.objects.map((o) => (
                <tr key={`${o.kind}/${o.name}`}>
                  <td className="px-3 py-1.5 text-xs">{o.kind}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{o.name}</td>
                  <td className="px-3 py-1.5 text-xs">{!o.exists ? t("missing") : "desired" in o && o.desired !== undefined ? t("readyOf", { ready: o.ready ?? 0, desired: o.desired }) : t("present")}</td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title={t("values")}>
            <dl className="grid grid-cols-[12rem_1fr] gap-x-3 gap-y-1 text-sm" data-testid="release-values">
              {shown.map(([k, v]) => <div key={k} className="contents"><dt className="text-slate-600">{k}</dt><dd className="break-all font-mono text-xs">{String(v)}</dd></div>)}
              {r.secrets.map((k) => <div key={k} className="contents"><dt className="text-slate-600">{k}</dt><dd className="font-mono text-xs">•••••• <span className="text-slate-600">({t("secretHidden")})</span></dd></div>)}
            </dl>
          </Card>
          <Card title={t("history")}>
            <ul className="space-y-1 text-sm">
              {r.history.map((h) => <li key={h.revision}>#{h.revision} {t(`action.${h.action}` as never)} {h.version} · {h.by} · {new Date(h.at).toLocaleString()}</li>)}
            </ul>
          </Card>
        </div>
        {(await canWriteIn(ctx, r.namespace)) && (
          <ReleaseActions namespace={r.namespace} name={r.name} current={r.version} values={r.values as Record<string, unknown>} secrets={r.secrets} versions={tpl.versions.filter((v) => !v.deprecated).map((v) => ({ version: v.version, parameters: v.parameters as unknown as ParametersSchema }))} />
        )}
      </div>
    </>
  );
}
