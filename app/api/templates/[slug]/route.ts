import { z } from "zod";
import { route } from "@/lib/http/route";
import { addTemplateVersion, getTemplate, templatePatch, updateTemplate, versionInput } from "@/lib/services/catalog";

const params = z.object({ slug: z.string().min(1).max(63) });

export const GET = route({ params }, async ({ actor, params }) => getTemplate(actor, params.slug));

/** A new version (platform admins, or the owners of a team's private template). */
export const PUT = route({ params, body: versionInput }, async ({ actor, params, body }) => addTemplateVersion(actor, params.slug, body));

/** Texts changed, or published / back to draft (its curators). */
export const PATCH = route({ params, body: templatePatch }, async ({ actor, params, body }) => updateTemplate(actor, params.slug, body));
