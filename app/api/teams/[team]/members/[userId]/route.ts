import { route } from "@/lib/http/route";
import { changeRole, removeMember, roleInput } from "@/lib/services/teams";

export const PATCH = route({ body: roleInput }, async ({ actor, params, body }) => changeRole(actor, params.team, params.userId, body));

export const DELETE = route({}, async ({ actor, params }) => removeMember(actor, params.team, params.userId));
