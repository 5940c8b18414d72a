import { route } from "@/lib/http/route";
import { testRegistry } from "@/lib/services/registries";
import { answers as A } from "@/lib/http/answers";

export const POST = route({ doc: { summary: { en: "Test a registry's connection and credentials: says what it answered", zh: "测试镜像仓库连接与凭据" }, response: A.registryTest } }, async ({ actor, params }) => testRegistry(actor, params.team, params.name));
