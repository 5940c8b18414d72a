import { z } from "zod";
import { route } from "@/lib/http/route";
import { dnsLabel } from "@/lib/domain/names";
import { removeCluster } from "@/lib/services/clusters";

const params = z.object({ name: dnsLabel("clusterName") });

export const DELETE = route({ doc: { summary: { en: "Remove a cluster from Berth (refused while namespaces live there; nothing in it is deleted)", zh: "从 Berth 移除集群（仍有命名空间时拒绝；不会删除其中任何内容）" } }, params }, async ({ actor, params }) => removeCluster(actor, params.name));
