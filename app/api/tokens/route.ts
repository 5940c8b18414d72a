import { z } from "zod";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { audit } from "@/lib/db/audit";
import { route } from "@/lib/http/route";

const input = z.object({ name: z.string().trim().min(1, "Give the token a name").max(100), expiresInDays: z.number().int().min(1).max(365).optional() });

export const GET = route({}, async ({ actor }) => ({ items: await listTokens(actor.user.id) }));

export const POST = route({ body: input }, async ({ actor, body }) => {
  const t = await createToken(actor.user.id, body.name, body.expiresInDays);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "token.create", target: t.prefix, result: "ok", detail: body.name });
  return Response.json(t, { status: 201 });
});
