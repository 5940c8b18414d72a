import { route } from "@/lib/http/route";
import { buildParams as params } from "@/lib/domain/build";
import { cancelBuild, getBuild } from "@/lib/services/builds";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "One build: its steps, log and result", zh: "构建详情：步骤、日志与结果" }, response: A.build }, params }, async ({ actor, params }) => getBuild(actor, params.namespace, params.id));

export const DELETE = route({ doc: { summary: { en: "Cancel a build", zh: "取消构建" }, response: A.build }, params }, async ({ actor, params }) => cancelBuild(actor, params.namespace, params.id));
