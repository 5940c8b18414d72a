import { route } from "@/lib/http/route";
import { auditQuery, teamAudit } from "@/lib/services/audit";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The team's audit log", zh: "团队审计日志" }, response: A.audit }, query: auditQuery }, async ({ actor, params, query }) => ({ items: await teamAudit(actor, params.team, query) }));
