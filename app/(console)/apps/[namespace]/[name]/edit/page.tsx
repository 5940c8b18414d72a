import { getTranslations } from "next-intl/server";
import { DeployWizard } from "@/components/apps/deploy-wizard";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { errorText, requireConsole } from "@/lib/console";
import { getApp } from "@/lib/services/apps";

export default async function EditAppPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const t = await getTranslations("app");
  const ctx = await requireConsole();
  try {
    const detail = await getApp(ctx.actor, namespace, name);
    return (
      <>
        <PageHeader title={`${t("edit")} · ${name}`} subtitle={detail.unsupported.length ? t("unsupported", { parts: detail.unsupported.join(", ") }) : undefined} />
        <DeployWizard namespace={namespace} editing={{ spec: detail.spec, generation: detail.summary.generation }} />
      </>
    );
  } catch (e) {
    return <ErrorState title={name} message={await errorText(e)} />;
  }
}
