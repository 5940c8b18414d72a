import { route } from "@/lib/http/route";
import { answers as A } from "@/lib/http/answers";
import { addCluster, clusterInput, listClusters } from "@/lib/services/clusters";

export const GET = route({ doc: { summary: { en: "Clusters: names for everyone, with health for platform admins", zh: "集群：所有人可见名称，平台管理员另见健康状况" }, response: A.clusters } }, async ({ actor }) => listClusters(actor));

export const POST = route({ doc: { summary: { en: "Add a cluster from a kubeconfig (platform admins; checked before it is saved)", zh: "通过 kubeconfig 添加集群（平台管理员；保存前会检查）" }, status: 201, response: A.cluster }, body: clusterInput }, async ({ actor, body }) => Response.json(await addCluster(actor, body), { status: 201 }));
