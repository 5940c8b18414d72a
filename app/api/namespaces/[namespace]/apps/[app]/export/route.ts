import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { exportApp } from "@/lib/services/import";

/** The app's objects as clean YAML, ready to commit. */
export const GET = route({ params }, async ({ actor, params }) => new Response(await exportApp(actor, params.namespace, params.app), { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${params.app}.yaml"` } }));
