import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { importInput, importYaml } from "@/lib/services/import";
import { answers as A } from "@/lib/http/answers";

/** `{ yaml, dryRun }`: the objects with their diff (dry run, the default) or applied, all or nothing. */
export const POST = route({ doc: { summary: { en: "Import YAML into the namespace (dry run first shows what changes)", zh: "将 YAML 导入命名空间（可先试运行）" }, response: A.imported }, params, body: importInput }, async ({ actor, params, body }) => importYaml(actor, params.namespace, body));
