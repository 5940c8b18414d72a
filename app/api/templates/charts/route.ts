import { route } from "@/lib/http/route";
import { importChart } from "@/lib/services/catalog";
import { answers as A } from "@/lib/http/answers";

/** POST a Helm chart archive (.tgz, multipart field "file"; optional slug, category, team) as a template. */
export const POST = route({ doc: { summary: { en: "Import a Helm chart (.tgz) as a template", zh: "导入 Helm Chart（.tgz）为模板" }, status: 201, response: A.template, consumes: { type: "multipart/form-data", description: "The chart archive (`chart`), streamed." } } }, async ({ actor, req }) => Response.json(await importChart(actor, req), { status: 201 }));
