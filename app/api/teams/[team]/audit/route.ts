import { route } from "@/lib/http/route";
import { auditQuery, teamAudit } from "@/lib/services/audit";

export const GET = route({ query: auditQuery }, async ({ actor, params, query }) => ({ items: await teamAudit(actor, params.team, query) }));
