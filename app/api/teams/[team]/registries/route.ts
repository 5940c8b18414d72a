import { route } from "@/lib/http/route";
import { addRegistry, registryInput, teamRegistries } from "@/lib/services/registries";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The team's registries (credentials never returned)", zh: "团队的镜像仓库（不返回凭据）" }, response: A.registries } }, async ({ actor, params }) => ({ items: await teamRegistries(actor, params.team) }));

export const POST = route({ doc: { summary: { en: "Add a registry (credentials encrypted at rest)", zh: "添加镜像仓库（凭据加密存储）" }, status: 201, response: A.registry }, body: registryInput }, async ({ actor, params, body }) => Response.json(await addRegistry(actor, params.team, body), { status: 201 }));
