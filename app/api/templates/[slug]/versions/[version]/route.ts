import { z } from "zod";
import { route } from "@/lib/http/route";
import { updateTemplateVersion, versionPatch } from "@/lib/services/catalog";
import { answers as A } from "@/lib/http/answers";

const params = z.object({ slug: z.string().min(1).max(63), version: z.string().min(1).max(40) });

/** A version deprecated or restored, or its changelog edited (the template's curators). */
export const PATCH = route({ doc: { summary: { en: "Deprecate a version or change its changelog", zh: "弃用版本或修改更新说明" }, response: A.template }, params, body: versionPatch }, async ({ actor, params, body }) => updateTemplateVersion(actor, params.slug, params.version, body));
