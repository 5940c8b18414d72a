import { route } from "@/lib/http/route";
import { deleteTeam, deleteTeamInput } from "@/lib/services/teams";

export const DELETE = route({ doc: { summary: { en: "Delete the team (type its name to confirm)", zh: "删除团队（需输入团队名确认）" } }, body: deleteTeamInput }, async ({ actor, params, body }) => deleteTeam(actor, params.team, body));
