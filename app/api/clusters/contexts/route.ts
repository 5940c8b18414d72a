import { route } from "@/lib/http/route";
import { contextsInput, kubeconfigContexts } from "@/lib/services/clusters";
import { answers as A } from "@/lib/http/answers";

export const POST = route({ doc: { summary: { en: "The contexts of a kubeconfig, or (without one) of the console's own KUBECONFIG, to import as clusters (platform admins)", zh: "kubeconfig 中的上下文（不提供时为控制台自身 KUBECONFIG 中的上下文），可导入为集群（平台管理员）" }, response: A.kubeContexts }, body: contextsInput }, async ({ actor, body }) => kubeconfigContexts(actor, body));
