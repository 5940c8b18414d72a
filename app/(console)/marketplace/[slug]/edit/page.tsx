import Link from "next/link";
import { getTranslations } from "next-intl/server";
import YAML from "yaml";
import { CurateTemplate } from "@/components/marketplace/curate-template";
import { TemplateEditor } from "@/components/marketplace/template-editor";
import { LoadFailed } from "@/components/shell/load-failed";
import { Card } from "@/components/ui/card";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { getTemplate } from "@/lib/services/catalog";

export default async function EditTemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const t = await getTranslations("curate");
  const ctx = await requireConsole();
  const { slug } = await params;
  let tpl;
  try {
    tpl = await getTemplate(ctx.actor, slug);
  } catch (e) {
    return <LoadFailed title={t("manageTitle")} error={e} />;
  }
  const back = <Link href={`/marketplace/${tpl.slug}`} className="text-sm text-brand-700 underline">{t("backTemplate", { name: tpl.name })}</Link>;
  if (!tpl.canEdit) {
    return (
      <>
        <PageHeader title={t("manageTitle")} actions={back} />
        <ErrorState title={t("manageTitle")} message={t("notCurator")} />
      </>
    );
  }
  const latest = tpl.versions[0];
  return (
    <>
      <PageHeader title={`${tpl.icon} ${t("manage", { name: tpl.name })}`} subtitle={t("manageSubtitle")} actions={back} />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <CurateTemplate template={tpl} />
        <Card title={t("newVersion")}>
          {latest && latest.kind === "helm" ? (
            <p className="text-sm text-slate-600">{t("helmVersions")}</p>
          ) : (
            <TemplateEditor mode="version" slug={tpl.slug} parameters={latest ? YAML.stringify(latest.parameters) : ""} manifests={latest?.manifests ?? ""} />
          )}
        </Card>
      </div>
    </>
  );
}
