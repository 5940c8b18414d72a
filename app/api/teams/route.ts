import { route } from "@/lib/http/route";
import { createTeam, createTeamInput } from "@/lib/services/teams";

export const GET = route({}, async ({ actor }) => ({ items: actor.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })) }));

export const POST = route({ body: createTeamInput }, async ({ actor, body }) => {
  const t = await createTeam(actor, body);
  return Response.json({ slug: t.slug, name: t.name }, { status: 201 });
});
