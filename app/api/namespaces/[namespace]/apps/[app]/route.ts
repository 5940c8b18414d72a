import { z } from "zod";
import { dnsLabel, namespaceName } from "@/lib/domain/names";
import { route } from "@/lib/http/route";
import { getApp, remove } from "@/lib/services/apps";

const params = z.object({ namespace: namespaceName, app: dnsLabel("App name") });

export const GET = route({ params }, async ({ actor, params }) => getApp(actor, params.namespace, params.app));

export const DELETE = route({ params, body: z.object({ confirm: z.string().max(253) }) }, async ({ actor, params, body }) => remove(actor, params.namespace, params.app, body.confirm));
