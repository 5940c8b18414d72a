import { z } from "zod";
import { namespaceName } from "@/lib/domain/names";
import { route } from "@/lib/http/route";
import { listNamespaceApps, listQuery } from "@/lib/services/apps";

const params = z.object({ namespace: namespaceName });

export const GET = route({ params, query: listQuery }, async ({ actor, params, query }) => listNamespaceApps(actor, params.namespace, query));
