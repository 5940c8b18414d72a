import { route } from "@/lib/http/route";
import { answers as A } from "@/lib/http/answers";
import { testCluster, testClusterInput } from "@/lib/services/clusters";

export const POST = route({ doc: { summary: { en: "Test a kubeconfig: the cluster's version and nodes, and what Berth's identity there is missing", zh: "测试 kubeconfig：集群版本与节点，以及 Berth 身份缺少的权限" }, response: A.clusterTest }, body: testClusterInput }, async ({ actor, body }) => testCluster(actor, body));
