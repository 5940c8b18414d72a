import { teamLimitsInput } from "@/lib/domain/team-limits";
import { route } from "@/lib/http/route";
import { setTeamLimits, teamLimits } from "@/lib/services/teams";
import { answers as A } from "@/lib/http/answers";

/** What the team's namespaces may reserve together (and how many), with what they reserve now. */
export const GET = route({ doc: { summary: { en: "What the team may reserve across its namespaces, and what it reserves now", zh: "团队资源上限与当前占用" }, response: A.limits } }, async ({ actor, params }) => teamLimits(actor, params.team));

/** Platform admins only. */
export const PUT = route({ doc: { summary: { en: "Set the team's limits (platform admins)", zh: "设置团队资源上限（平台管理员）" }, response: A.limits }, body: teamLimitsInput }, async ({ actor, params, body }) => setTeamLimits(actor, params.team, body));
