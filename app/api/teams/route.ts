import { route } from "@/lib/http/route";
import { createTeam, createTeamInput } from "@/lib/services/teams";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "Your teams", zh: "我的团队" }, response: A.teams } }, async ({ actor }) => ({ items: actor.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })) }));

export const POST = route({ doc: { summary: { en: "Create a team (you become its owner)", zh: "创建团队（你将成为所有者）" }, status: 201, response: A.team }, body: createTeamInput }, async ({ actor, body }) => {
  const t = await createTeam(actor, body);
  return Response.json({ slug: t.slug, name: t.name }, { status: 201 });
});
