import { route } from "@/lib/http/route";
import { apiDocument } from "./document";

export const GET = route({ doc: { summary: { en: "This document: the API's OpenAPI 3.1 contract", zh: "本文档：API 的 OpenAPI 3.1 契约" } } }, async () => apiDocument());
