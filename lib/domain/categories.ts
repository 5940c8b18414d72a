// The marketplace's categories (their names are UI texts: marketplace.category.<id>). Kept
// apart from lib/domain/templates.ts so pages can import them without the renderer.
export const TEMPLATE_CATEGORIES = ["database", "web", "application", "other"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
