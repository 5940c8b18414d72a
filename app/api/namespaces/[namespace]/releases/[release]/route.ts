import { route } from "@/lib/http/route";
import { getRelease, releaseParams as params, uninstallInput, uninstallRelease, upgradeInput, upgradeRelease } from "@/lib/services/releases";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "One installed app from the marketplace, with its objects", zh: "已安装的应用市场应用及其对象" }, response: A.release }, params }, async ({ actor, params }) => getRelease(actor, params.namespace, params.release));

export const PUT = route({ doc: { summary: { en: "Upgrade a release or change its settings", zh: "升级已安装应用或修改其设置" }, response: A.release }, params, body: upgradeInput }, async ({ actor, params, body }) => upgradeRelease(actor, params.namespace, params.release, body));

export const DELETE = route({ doc: { summary: { en: "Uninstall a release (its volumes kept unless asked)", zh: "卸载已安装应用（默认保留数据卷）" }, response: A.uninstalled }, params, body: uninstallInput }, async ({ actor, params, body }) => uninstallRelease(actor, params.namespace, params.release, body));
