import { z } from "zod";
import { dnsLabel, namespaceName } from "@/lib/domain/names";
import { route } from "@/lib/http/route";
import { scale, scaleInput } from "@/lib/services/apps";

const params = z.object({ namespace: namespaceName, app: dnsLabel("App name") });

export const PUT = route({ params, body: scaleInput }, async ({ actor, params, body }) => scale(actor, params.namespace, params.app, body));
