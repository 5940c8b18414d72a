import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { deleteInput, getApp, remove } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "One app: its spec, pods, events, revisions and endpoints", zh: "应用详情：配置、Pod、事件、版本与访问地址" }, response: A.app }, params }, async ({ actor, params }) => getApp(actor, params.namespace, params.app));

export const DELETE = route({ doc: { summary: { en: "Delete the app (type its name to confirm)", zh: "删除应用（需输入应用名确认）" } }, params, body: deleteInput }, async ({ actor, params, body }) => remove(actor, params.namespace, params.app, body));
