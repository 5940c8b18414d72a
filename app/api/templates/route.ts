import { route } from "@/lib/http/route";
import { createTemplate, listCatalog, templateInput, templateQuery } from "@/lib/services/catalog";

export const dynamic = "force-dynamic";

export const GET = route({ query: templateQuery }, async ({ actor, query }) => listCatalog(actor, query));

export const POST = route({ body: templateInput }, async ({ actor, body }) => Response.json(await createTemplate(actor, body), { status: 201 }));
