import { route } from "@/lib/http/route";
import { changePassword, changePasswordInput } from "@/lib/services/accounts";

/** The person's own password (the current one asked); every session ends, this one too. */
export const PUT = route({ doc: { summary: { en: "Change your own password", zh: "修改自己的密码" } }, body: changePasswordInput }, async ({ actor, body }) => changePassword(actor, body));
