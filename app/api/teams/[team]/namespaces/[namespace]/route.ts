import { route } from "@/lib/http/route";
import { namespaceLimits, updateLimits } from "@/lib/services/teams";

export const PUT = route({ body: namespaceLimits }, async ({ actor, params, body }) => updateLimits(actor, params.team, params.namespace, body));
