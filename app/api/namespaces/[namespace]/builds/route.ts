import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { buildListQuery, createBuild, listBuilds } from "@/lib/services/builds";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "The namespace's builds, newest first", zh: "命名空间内的构建（最新在前）" }, response: A.builds }, params, query: buildListQuery }, async ({ actor, params, query }) => listBuilds(actor, params.namespace, query));

/** multipart/form-data: the fields, then the file (streamed to disk, never buffered). */
export const POST = route({ doc: { summary: { en: "Start a build: upload a jar, war or Dockerfile context, or name a Git repository", zh: "开始构建：上传 jar、war 或 Dockerfile 上下文，或指定 Git 仓库" }, status: 201, response: A.build, consumes: { type: "multipart/form-data", description: "The build's fields and, for an upload, the file (streamed to disk, never buffered); see the Builds page." } }, params }, async ({ actor, params, req }) => Response.json(await createBuild(actor, params.namespace, req), { status: 201 }));
