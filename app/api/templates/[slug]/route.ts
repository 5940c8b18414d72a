import { z } from "zod";
import { route } from "@/lib/http/route";
import { addTemplateVersion, getTemplate, templatePatch, updateTemplate, versionInput } from "@/lib/services/catalog";
import { answers as A } from "@/lib/http/answers";

const params = z.object({ slug: z.string().min(1).max(63) });

export const GET = route({ doc: { summary: { en: "One marketplace template with its versions", zh: "应用市场模板及其版本" }, response: A.template }, params }, async ({ actor, params }) => getTemplate(actor, params.slug));

/** A new version (platform admins, or the owners of a team's private template). */
export const PUT = route({ doc: { summary: { en: "Add a version to a template", zh: "为模板添加版本" }, response: A.template }, params, body: versionInput }, async ({ actor, params, body }) => addTemplateVersion(actor, params.slug, body));

/** Texts changed, or published / back to draft (its curators). */
export const PATCH = route({ doc: { summary: { en: "Change a template's description, category or visibility", zh: "修改模板描述、分类或可见性" }, response: A.template }, params, body: templatePatch }, async ({ actor, params, body }) => updateTemplate(actor, params.slug, body));
