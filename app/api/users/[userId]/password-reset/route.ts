import { z } from "zod";
import { consoleOrigin } from "@/lib/console";
import { route } from "@/lib/http/route";
import { resetPassword } from "@/lib/services/accounts";

const params = z.object({ userId: z.string().min(1).max(40) });

/** A platform admin resets someone's password: it stops working, their sessions end, a link to set a new one comes back. */
export const POST = route({ params }, async ({ actor, params }) => resetPassword(actor, params.userId, await consoleOrigin()));
