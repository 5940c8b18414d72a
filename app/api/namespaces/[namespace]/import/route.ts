import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { importInput, importYaml } from "@/lib/services/import";

/** `{ yaml, dryRun }`: the objects with their diff (dry run, the default) or applied, all or nothing. */
export const POST = route({ params, body: importInput }, async ({ actor, params, body }) => importYaml(actor, params.namespace, body));
