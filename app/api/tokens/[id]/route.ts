import { revokeToken } from "@/lib/auth/tokens";
import { audit } from "@/lib/db/audit";
import { route } from "@/lib/http/route";

export const DELETE = route({ doc: { summary: { en: "Revoke one of your API tokens", zh: "撤销 API 令牌" } } }, async ({ actor, params }) => {
  await revokeToken(actor.user.id, params.id);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "token.revoke", target: params.id, result: "ok" });
});
