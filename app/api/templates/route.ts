import { route } from "@/lib/http/route";
import { createTemplate, listCatalog, templateInput, templateQuery } from "@/lib/services/catalog";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "The marketplace: templates you can install", zh: "应用市场：可安装的模板" }, response: A.templates }, query: templateQuery }, async ({ actor, query }) => listCatalog(actor, query));

export const POST = route({ doc: { summary: { en: "Add a template to the marketplace", zh: "向应用市场添加模板" }, status: 201, response: A.template }, body: templateInput }, async ({ actor, body }) => Response.json(await createTemplate(actor, body), { status: 201 }));
