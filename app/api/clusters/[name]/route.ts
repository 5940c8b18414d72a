import { z } from "zod";
import { route } from "@/lib/http/route";
import { answers as A } from "@/lib/http/answers";
import { dnsLabel } from "@/lib/domain/names";
import { changeCluster, clusterUpdate, removeCluster } from "@/lib/services/clusters";

const params = z.object({ name: dnsLabel("clusterName") });

export const PUT = route({ doc: { summary: { en: "Change a cluster's display name, or give Berth a new kubeconfig for it (checked before it is saved)", zh: "修改集群显示名称，或为 Berth 提供新的 kubeconfig（保存前会检查）" }, response: A.cluster }, params, body: clusterUpdate }, async ({ actor, params, body }) => changeCluster(actor, params.name, body));

export const DELETE = route({ doc: { summary: { en: "Remove a cluster from Berth (refused while namespaces live there; nothing in it is deleted)", zh: "从 Berth 移除集群（仍有命名空间时拒绝；不会删除其中任何内容）" } }, params }, async ({ actor, params }) => removeCluster(actor, params.name));
