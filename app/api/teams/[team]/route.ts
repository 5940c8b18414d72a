import { route } from "@/lib/http/route";
import { deleteTeam, deleteTeamInput } from "@/lib/services/teams";

export const DELETE = route({ body: deleteTeamInput }, async ({ actor, params, body }) => deleteTeam(actor, params.team, body));
