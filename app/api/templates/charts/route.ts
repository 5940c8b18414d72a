import { route } from "@/lib/http/route";
import { importChart } from "@/lib/services/catalog";

/** POST a Helm chart archive (.tgz, multipart field "file"; optional slug, category, team) as a template. */
export const POST = route({}, async ({ actor, req }) => Response.json(await importChart(actor, req), { status: 201 }));
