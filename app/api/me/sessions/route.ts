import { route } from "@/lib/http/route";
import { signOutEverywhere } from "@/lib/services/accounts";

/** Sign out everywhere: every session of the person ends (API tokens are revoked on their own). */
export const DELETE = route({ doc: { summary: { en: "Sign out everywhere (every session of yours ends)", zh: "在所有设备上退出登录" } } }, async ({ actor }) => signOutEverywhere(actor));
