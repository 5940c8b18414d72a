import { consoleOrigin } from "@/lib/console";
import { route } from "@/lib/http/route";
import { inviteInput, inviteMember, listMembers } from "@/lib/services/teams";

export const GET = route({}, async ({ actor, params }) => ({ items: await listMembers(actor, params.team) }));

export const POST = route({ body: inviteInput }, async ({ actor, params, body }) => Response.json(await inviteMember(actor, params.team, body, await consoleOrigin()), { status: 201 }));
