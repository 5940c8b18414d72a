import { route } from "@/lib/http/route";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "Who you are: your account, how you signed in, your teams", zh: "当前用户：账号、登录方式、所属团队" }, response: A.me } }, ({ actor }) => ({
  user: actor.user,
  via: actor.via,
  team: actor.team?.slug ?? null,
  teams: actor.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
}));
