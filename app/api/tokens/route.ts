import { z } from "zod";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { audit } from "@/lib/db/audit";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from "@/lib/domain/token-scopes";
import { route } from "@/lib/http/route";
import { answers as A } from "@/lib/http/answers";

const input = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100),
  scope: z.enum(TOKEN_SCOPES).default("read"),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
});

export const GET = route({ doc: { summary: { en: "Your API tokens (never the secrets)", zh: "我的 API 令牌（不含密钥）" }, response: A.tokens } }, async ({ actor }) => ({ items: await listTokens(actor.user.id) }));

/** A new token (a signed-in person only: no token makes tokens), read-only and 90 days unless asked otherwise. */
export const POST = route({ doc: { summary: { en: "Make an API token (shown once)", zh: "创建 API 令牌（仅显示一次）" }, status: 201, response: A.tokenMade }, body: input }, async ({ actor, body }) => {
  const t = await createToken(actor.user.id, body.name, body.scope, body.expiresInDays);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "token.create", target: t.prefix, result: "ok", detail: `${body.name} (${body.scope}, ${body.expiresInDays} days)` });
  return Response.json(t, { status: 201 });
});
