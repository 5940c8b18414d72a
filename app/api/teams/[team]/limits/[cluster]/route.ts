import { clusterLimitsInput } from "@/lib/domain/team-limits";
import { teamClusterParams as params } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { setClusterLimits } from "@/lib/services/teams";
import { answers as A } from "@/lib/http/answers";

/** Platform admins only. */
export const PUT = route({ doc: { summary: { en: "Set the team's limits on one cluster, apart from the team's own (platform admins)", zh: "为团队在某个集群上单独设置资源上限（平台管理员）" }, response: A.limits }, params, body: clusterLimitsInput }, async ({ actor, params, body }) => setClusterLimits(actor, params.team, params.cluster, body));

/** Platform admins only. */
export const DELETE = route({ doc: { summary: { en: "The team's own limits hold on this cluster again (platform admins)", zh: "该集群重新使用团队自身的资源上限（平台管理员）" }, response: A.limits }, params }, async ({ actor, params }) => setClusterLimits(actor, params.team, params.cluster, undefined));
