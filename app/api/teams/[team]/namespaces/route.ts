import { route } from "@/lib/http/route";
import { createNamespace, createNamespaceInput, listTeamNamespaces } from "@/lib/services/teams";

export const GET = route({}, async ({ actor, params }) => ({ items: await listTeamNamespaces(actor, params.team) }));

export const POST = route({ body: createNamespaceInput }, async ({ actor, params, body }) => Response.json(await createNamespace(actor, params.team, body), { status: 201 }));
