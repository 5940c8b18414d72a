import { route } from "@/lib/http/route";
import { secretValueParams as params } from "@/lib/http/params";
import { revealSecretValue } from "@/lib/services/config";

/** One value, on purpose, audited; developers and owners only. */
export const GET = route({ params }, async ({ actor, params }) => Response.json(await revealSecretValue(actor, params.namespace, params.name, params.key), { headers: { "cache-control": "no-store" } }));
