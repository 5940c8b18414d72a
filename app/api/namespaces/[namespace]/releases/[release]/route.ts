import { route } from "@/lib/http/route";
import { getRelease, releaseParams as params, uninstallInput, uninstallRelease, upgradeInput, upgradeRelease } from "@/lib/services/releases";

export const dynamic = "force-dynamic";

export const GET = route({ params }, async ({ actor, params }) => getRelease(actor, params.namespace, params.release));

export const PUT = route({ params, body: upgradeInput }, async ({ actor, params, body }) => upgradeRelease(actor, params.namespace, params.release, body));

export const DELETE = route({ params, body: uninstallInput }, async ({ actor, params, body }) => uninstallRelease(actor, params.namespace, params.release, body));
