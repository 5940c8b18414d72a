import { answers as A } from "@/lib/http/answers";
import { appParams as params } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { appUsage } from "@/lib/services/usage";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "The app's CPU and memory use over the last hour, per pod, with its requests and limits", zh: "应用最近一小时的 CPU 与内存用量（按 Pod），及其请求与上限" }, response: A.usage }, params }, async ({ actor, params }) => appUsage(actor, params.namespace, params.app));
