import { consoleOrigin } from "@/lib/console";
import { route } from "@/lib/http/route";
import { inviteInput, inviteMember, listMembers } from "@/lib/services/teams";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The team's members", zh: "团队成员" }, response: A.members } }, async ({ actor, params }) => ({ items: await listMembers(actor, params.team) }));

export const POST = route({ doc: { summary: { en: "Invite someone (a new account gets a single-use link to set a password)", zh: "邀请成员（新账号获得一次性设置密码链接）" }, status: 201, response: A.invited }, body: inviteInput }, async ({ actor, params, body }) => Response.json(await inviteMember(actor, params.team, body, await consoleOrigin()), { status: 201 }));
