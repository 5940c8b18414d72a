import { route } from "@/lib/http/route";
import { auditQuery, platformAudit } from "@/lib/services/audit";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The platform's audit log (platform admins)", zh: "平台审计日志（平台管理员）" }, response: A.audit }, query: auditQuery }, async ({ actor, query }) => ({ items: await platformAudit(actor, query) }));
