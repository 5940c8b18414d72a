import { route } from "@/lib/http/route";
import { testRegistry } from "@/lib/services/registries";

export const POST = route({}, async ({ actor, params }) => testRegistry(actor, params.team, params.name));
