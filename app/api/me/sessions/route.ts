import { route } from "@/lib/http/route";
import { signOutEverywhere } from "@/lib/services/accounts";

/** Sign out everywhere: every session of the person ends (API tokens are revoked on their own). */
export const DELETE = route({}, async ({ actor }) => signOutEverywhere(actor));
