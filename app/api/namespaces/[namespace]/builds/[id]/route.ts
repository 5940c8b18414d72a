import { route } from "@/lib/http/route";
import { buildParams as params } from "@/lib/domain/build";
import { cancelBuild, getBuild } from "@/lib/services/builds";

export const GET = route({ params }, async ({ actor, params }) => getBuild(actor, params.namespace, params.id));

export const DELETE = route({ params }, async ({ actor, params }) => cancelBuild(actor, params.namespace, params.id));
