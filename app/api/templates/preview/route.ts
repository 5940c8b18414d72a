import { route } from "@/lib/http/route";
import { previewInput, previewTemplate } from "@/lib/services/catalog";

export const dynamic = "force-dynamic";

/** A template being written, rendered with sample values: nothing saved, nothing applied. */
export const POST = route({ body: previewInput }, async ({ actor, body }) => previewTemplate(actor, body));
