import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { InstallForm } from "@/components/marketplace/install-form";
import { LoadFailed } from "@/components/shell/load-failed";
import { NoNamespace } from "@/components/shell/no-namespace";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, requireConsole } from "@/lib/console";
import type { ParametersSchema } from "@/lib/domain/templates";
import { getTemplate } from "@/lib/services/catalog";

export default async function TemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const t = await getTranslations("marketplace");
  const zh = (await getLocale()) === "zh-CN";
  const ctx = await requireConsole();
  const { slug } = await params;
  let tpl;
  try {
    tpl = await getTemplate(ctx.actor, slug);
  } catch (e) {
    return <LoadFailed title={t("title")} error={e} />;
  }
  const ns = ctx.single;
  return (
    <>
      <PageHeader
        title={`${tpl.icon} ${tpl.name}`}
        subtitle={zh ? tpl.descriptionZh : tpl.description}
        actions={
          <div className="flex items-center gap-3">
            {!tpl.published && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("draft")}</span>}
            {tpl.canEdit && <Link href={`/marketplace/${tpl.slug}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{t("manageLink")}</Link>}
            <Link href="/marketplace" className="text-sm text-brand-700 underline">{t("back")}</Link>
          </div>
        }
      />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <div className="space-y-4">
          <Card title={t("readme")}>
            <div className="whitespace-pre-wrap text-sm text-slate-700" data-testid="readme">{zh ? tpl.readmeZh : tpl.readme}</div>
          </Card>
          <Card title={t("versions")}>
            <ul className="space-y-2 text-sm">
              {tpl.versions.map((v) => (
                <li key={v.version}>
                  <span className="font-mono">{v.version}</span>
                  {v.deprecated && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("deprecated")}</span>}
                  <p className="text-slate-600">{v.changelog}</p>
                </li>
              ))}
            </ul>
          </Card>
        </div>
        <Card title={ns ? t("installInto", { namespace: ns }) : t("install")}>
          {!ns ? (
            <NoNamespace hasNamespaces={ctx.namespaces.length > 0} />
          ) : !(await canWriteIn(ctx, ns)) ? (
            <p className="text-sm text-slate-600">{t("viewerCannotInstall")}</p>
          ) : (
            <InstallForm namespace={ns} template={tpl.slug} versions={tpl.versions.filter((v) => !v.deprecated).map((v) => ({ version: v.version, parameters: v.parameters as unknown as ParametersSchema }))} />
          )}
        </Card>
      </div>
    </>
  );
}
