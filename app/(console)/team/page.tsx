import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState, PageHeader } from "@/components/ui/states";
import { AuditLog } from "@/components/team/audit-log";
import { CreateTeamForm } from "@/components/team/create-team";
import { DeleteTeam } from "@/components/team/delete-team";
import { Members } from "@/components/team/members";
import { Namespaces } from "@/components/team/namespaces";
import { errorText, requireConsole } from "@/lib/console";
import { Registries } from "@/components/team/registries";
import { teamRegistries } from "@/lib/services/registries";
import { TeamLimits } from "@/components/team/team-limits";
import { listMembers, listTeamNamespaces, teamLimits } from "@/lib/services/teams";
import { clusterChoices } from "@/lib/services/clusters";

export default async function TeamPage() {
  const t = await getTranslations("team");
  const { actor } = await requireConsole();
  const team = actor.team;
  const admin = actor.user.platformAdmin;

  if (!team) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("noTeams")}>{t("noTeamsHint")}</EmptyState>
        {admin && (
          <Card title={t("create.title")} className="mt-6">
            <CreateTeamForm />
          </Card>
        )}
      </>
    );
  }

  const isOwner = team.role === "owner" || admin;
  const [members, registries, clusters] = await Promise.all([listMembers(actor, team.slug), teamRegistries(actor, team.slug), clusterChoices()]);
  let namespaces: Awaited<ReturnType<typeof listTeamNamespaces>> = [];
  let limits: Awaited<ReturnType<typeof teamLimits>> | undefined;
  let nsError: string | undefined;
  try {
    [namespaces, limits] = await Promise.all([listTeamNamespaces(actor, team.slug), teamLimits(actor, team.slug)]);
  } catch (e) {
    nsError = await errorText(e);
  }

  return (
    <>
      <PageHeader title={`${t("title")} · ${team.name}`} subtitle={t("subtitle", { team: team.name })} />
      <div className="space-y-6">
        <Card title={t("members.title")}>
          <Members team={team.slug} members={members.map((m) => ({ ...m, since: m.since.toISOString() }))} canManage={isOwner} canReset={actor.user.platformAdmin} selfId={actor.user.id} />
        </Card>
        <Card title={t("namespaces.title")}>
          <Namespaces team={team.slug} namespaces={namespaces} clusters={clusters} canManage={isOwner} error={nsError} />
        </Card>
        {limits && (
          <Card title={t("limits.title")}>
            <TeamLimits team={team.slug} limits={limits.limits} reserved={limits.reserved} clusters={limits.clusters} canEdit={admin} />
          </Card>
        )}
        <Card title={t("registries.title")}>
          <Registries team={team.slug} registries={registries.map(({ name, url, username, hasPassword, builtIn, pullSecret }) => ({ name, url, username, hasPassword, builtIn, pullSecret }))} canManage={isOwner} />
        </Card>
        <Card title={t("audit.title")}>
          <AuditLog team={team.slug} />
        </Card>
        {admin && (
          <Card title={t("create.title")}>
            <CreateTeamForm />
          </Card>
        )}
        {isOwner && (
          <Card title={t("danger.title")}>
            <DeleteTeam team={team.slug} namespaces={namespaces.map((n) => n.name)} />
          </Card>
        )}
      </div>
    </>
  );
}
