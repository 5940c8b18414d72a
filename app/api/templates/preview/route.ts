import { route } from "@/lib/http/route";
import { previewInput, previewTemplate } from "@/lib/services/catalog";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

/** A template being written, rendered with sample values: nothing saved, nothing applied. */
export const POST = route({ doc: { summary: { en: "Render a template with values, without installing it", zh: "以给定参数渲染模板（不安装）" }, response: A.preview }, body: previewInput }, async ({ actor, body }) => previewTemplate(actor, body));
