import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { exportApp } from "@/lib/services/import";

/** The app's objects as clean YAML, ready to commit. */
export const GET = route({ doc: { summary: { en: "Download the app as a YAML file", zh: "将应用导出为 YAML 文件" }, produces: { type: "application/yaml", description: "The app's objects as YAML, without cluster-managed fields." } }, params }, async ({ actor, params }) => new Response(await exportApp(actor, params.namespace, params.app), { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${params.app}.yaml"` } }));
