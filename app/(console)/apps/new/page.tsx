import { getTranslations } from "next-intl/server";
import { DeployWizard } from "@/components/apps/deploy-wizard";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { teamRegistries } from "@/lib/services/registries";

type Prefill = { image?: string; pullSecret?: string; name?: string; port?: string };

/** `?image=…&pullSecret=…&name=…&port=…` prefill the wizard (from a finished build). */
export default async function NewAppPage({ searchParams }: { searchParams: Promise<Prefill> }) {
  const t = await getTranslations();
  const ctx = await requireConsole();
  const ns = ctx.single;
  const { image, pullSecret, name, port } = await searchParams;
  // The team's registry login Secrets, offered in the form.
  const secrets = ctx.actor.team ? (await teamRegistries(ctx.actor, ctx.actor.team.slug)).flatMap((r) => (r.pullSecret ? [r.pullSecret] : [])) : [];
  return (
    <>
      <PageHeader title={t("wizard.title")} subtitle={ns ? t("apps.subtitle", { namespace: ns }) : undefined} />
      {ns ? <DeployWizard namespace={ns} prefill={{ image, pullSecret, name, port }} pullSecretOptions={secrets} /> : <NoNamespace hasNamespaces={ctx.namespaces.length > 0} />}
    </>
  );
}
