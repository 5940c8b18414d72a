import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TemplateEditor } from "@/components/marketplace/template-editor";
import { Card } from "@/components/ui/card";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { mayAuthorTemplates } from "@/lib/services/catalog";

export default async function NewTemplatePage() {
  const t = await getTranslations("curate");
  const tm = await getTranslations("marketplace");
  const ctx = await requireConsole();
  const back = <Link href="/marketplace" className="text-sm text-brand-700 underline">{tm("back")}</Link>;
  if (!mayAuthorTemplates(ctx.actor)) {
    return (
      <>
        <PageHeader title={t("newTitle")} actions={back} />
        <ErrorState title={t("newTitle")} message={t("notCurator")} />
      </>
    );
  }
  const teams = ctx.actor.memberships.filter((m) => m.role === "owner" || ctx.actor.user.platformAdmin).map((m) => ({ slug: m.slug, name: m.name }));
  return (
    <>
      <PageHeader title={t("newTitle")} subtitle={t("newSubtitle")} actions={back} />
      <Card title={t("newTitle")}>
        <TemplateEditor mode="new" teams={teams} everyone={ctx.actor.user.platformAdmin} />
      </Card>
    </>
  );
}
