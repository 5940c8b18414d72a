import { getTranslations } from "next-intl/server";
import { DeployWizard } from "@/components/apps/deploy-wizard";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { errorText, requireConsole } from "@/lib/console";
import { getApp } from "@/lib/services/apps";
import { teamRegistries } from "@/lib/services/registries";

/** `?image=…&pullSecret=…` start the edit with a new image (updating an app to a build). */
export default async function EditAppPage({ params, searchParams }: { params: Promise<{ namespace: string; name: string }>; searchParams: Promise<{ image?: string; pullSecret?: string }> }) {
  const { namespace, name } = await params;
  const { image, pullSecret } = await searchParams;
  const t = await getTranslations("app");
  const ctx = await requireConsole();
  try {
    const detail = await getApp(ctx.actor, namespace, name);
    const team = ctx.actor.memberships.find((m) => m.namespaces.includes(namespace));
    const secrets = team ? (await teamRegistries(ctx.actor, team.slug)).flatMap((r) => (r.pullSecret ? [r.pullSecret] : [])) : [];
    return (
      <>
        <PageHeader title={`${t("edit")} · ${name}`} subtitle={detail.unsupported.length ? t("unsupported", { parts: detail.unsupported.join(", ") }) : undefined} />
        <DeployWizard namespace={namespace} editing={{ spec: detail.spec, generation: detail.summary.generation }} prefill={{ image, pullSecret }} pullSecretOptions={secrets} />
      </>
    );
  } catch (e) {
    return <ErrorState title={name} message={await errorText(e)} />;
  }
}
