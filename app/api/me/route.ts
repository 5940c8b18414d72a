import { route } from "@/lib/http/route";

export const GET = route({}, async ({ actor }) => ({
  user: actor.user,
  via: actor.via,
  team: actor.team?.slug ?? null,
  teams: actor.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
}));
