import { z } from "zod";
import { consoleOrigin } from "@/lib/console";
import { route } from "@/lib/http/route";
import { resetPassword } from "@/lib/services/accounts";
import { answers as A } from "@/lib/http/answers";

const params = z.object({ userId: z.string().min(1).max(40) });

/** A platform admin resets someone's password: it stops working, their sessions end, a link to set a new one comes back. */
export const POST = route({ doc: { summary: { en: "Make a single-use link for a person to set a new password (platform admins)", zh: "生成一次性重置密码链接（平台管理员）" }, response: A.passwordLink }, params }, async ({ actor, params }) => resetPassword(actor, params.userId, await consoleOrigin()));
