import { route } from "@/lib/http/route";
import { addRegistry, registryInput, teamRegistries } from "@/lib/services/registries";

export const GET = route({}, async ({ actor, params }) => ({ items: await teamRegistries(actor, params.team) }));

export const POST = route({ body: registryInput }, async ({ actor, params, body }) => Response.json(await addRegistry(actor, params.team, body), { status: 201 }));
