import { route } from "@/lib/http/route";
import { changeRole, removeMember, roleInput } from "@/lib/services/teams";

export const PATCH = route({ doc: { summary: { en: "Change a member's role", zh: "修改成员角色" } }, body: roleInput }, async ({ actor, params, body }) => changeRole(actor, params.team, params.userId, body));

export const DELETE = route({ doc: { summary: { en: "Remove a member from the team", zh: "将成员移出团队" } } }, async ({ actor, params }) => removeMember(actor, params.team, params.userId));
