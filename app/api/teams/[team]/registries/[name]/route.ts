import { route } from "@/lib/http/route";
import { changeRegistry, registryUpdate, removeRegistry } from "@/lib/services/registries";
import { answers as A } from "@/lib/http/answers";

export const PUT = route({ doc: { summary: { en: "Change a registry's address or credentials", zh: "修改镜像仓库地址或凭据" }, response: A.registry, alsoEmpty: true }, body: registryUpdate }, async ({ actor, params, body }) => changeRegistry(actor, params.team, params.name, body));

export const DELETE = route({ doc: { summary: { en: "Remove a registry", zh: "删除镜像仓库" } } }, async ({ actor, params }) => removeRegistry(actor, params.team, params.name));
