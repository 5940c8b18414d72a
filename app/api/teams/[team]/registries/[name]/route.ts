import { route } from "@/lib/http/route";
import { changeRegistry, registryUpdate, removeRegistry } from "@/lib/services/registries";

export const PUT = route({ body: registryUpdate }, async ({ actor, params, body }) => changeRegistry(actor, params.team, params.name, body));

export const DELETE = route({}, async ({ actor, params }) => removeRegistry(actor, params.team, params.name));
