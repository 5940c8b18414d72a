import { route } from "@/lib/http/route";
import { auditQuery, platformAudit } from "@/lib/services/audit";

export const GET = route({ query: auditQuery }, async ({ actor, query }) => ({ items: await platformAudit(actor, query) }));
