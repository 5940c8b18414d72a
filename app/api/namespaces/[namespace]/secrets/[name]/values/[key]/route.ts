import { route } from "@/lib/http/route";
import { secretValueParams as params } from "@/lib/http/params";
import { revealSecretValue } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

/** One value, on purpose, audited; developers and owners only. */
export const GET = route({ doc: { summary: { en: "Reveal one value of a Secret (audited)", zh: "查看密钥的一个值（记入审计）" }, response: A.secretValue }, params }, async ({ actor, params }) => Response.json(await revealSecretValue(actor, params.namespace, params.name, params.key), { headers: { "cache-control": "no-store" } }));
