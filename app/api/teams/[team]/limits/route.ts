import { teamLimitsInput } from "@/lib/domain/team-limits";
import { route } from "@/lib/http/route";
import { setTeamLimits, teamLimits } from "@/lib/services/teams";

/** What the team's namespaces may reserve together (and how many), with what they reserve now. */
export const GET = route({}, async ({ actor, params }) => teamLimits(actor, params.team));

/** Platform admins only. */
export const PUT = route({ body: teamLimitsInput }, async ({ actor, params, body }) => setTeamLimits(actor, params.team, body));
