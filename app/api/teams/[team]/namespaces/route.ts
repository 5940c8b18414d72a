import { route } from "@/lib/http/route";
import { createNamespace, createNamespaceInput, listTeamNamespaces } from "@/lib/services/teams";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The team's namespaces with their limits", zh: "团队的命名空间及其限制" }, response: A.namespaces } }, async ({ actor, params }) => ({ items: await listTeamNamespaces(actor, params.team) }));

export const POST = route({ doc: { summary: { en: "Create a namespace for the team", zh: "为团队创建命名空间" }, status: 201, response: A.namespace }, body: createNamespaceInput }, async ({ actor, params, body }) => Response.json(await createNamespace(actor, params.team, body), { status: 201 }));
