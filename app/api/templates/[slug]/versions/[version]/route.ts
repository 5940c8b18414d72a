import { z } from "zod";
import { route } from "@/lib/http/route";
import { updateTemplateVersion, versionPatch } from "@/lib/services/catalog";

const params = z.object({ slug: z.string().min(1).max(63), version: z.string().min(1).max(40) });

/** A version deprecated or restored, or its changelog edited (the template's curators). */
export const PATCH = route({ params, body: versionPatch }, async ({ actor, params, body }) => updateTemplateVersion(actor, params.slug, params.version, body));
