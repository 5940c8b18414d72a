// Every API route handler goes through `route()`: it resolves who is asking
// (session cookie or API token → 401), refuses cross-site writes made with a
// cookie (CSRF → 403), parses params and body with zod (→ 400 with the field
// messages), and maps every error to one JSON shape. Handlers stay a few lines.
import { headers } from "next/headers";
import { z, ZodError } from "zod";
import { requireActor, type Actor } from "../auth/actor";
import { describeDbError } from "../db/client";
import { AppError, errorBody, isAppError } from "../errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function errorResponse(e: unknown): Response {
  if (isAppError(e)) return Response.json(errorBody(e), { status: e.status });
  if (e instanceof ZodError) {
    const fields = Object.fromEntries(e.issues.map((i) => [i.path.join(".") || "_", i.message]));
    const first = e.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return Response.json(errorBody(new AppError("bad_request", `${where}${first?.message ?? "invalid input"}`, { fields })), { status: 400 });
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (/prisma|database|ECONNREFUSED.*5432/i.test(msg)) {
    return Response.json(errorBody(new AppError("database_unavailable", describeDbError(e))), { status: 503 });
  }
  console.error("[berth] unexpected error:", e);
  return Response.json(errorBody(new AppError("internal", "Something went wrong on Berth's side; it has been logged.")), { status: 500 });
}

/** Same-origin check for cookie-authenticated writes (Bearer tokens carry no ambient authority). */
async function checkCsrf(req: Request, actor: Actor) {
  if (actor.via === "token" || !UNSAFE.has(req.method)) return;
  const h = await headers();
  const origin = h.get("origin");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", "Cross-site request refused (CSRF protection).");
  if (!origin) {
    if (site === "same-origin") return;
    throw new AppError("forbidden", "Request refused: state-changing requests from a browser must come from Berth's own pages (missing Origin).");
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Request refused: bad Origin header.");
  }
  if (originHost !== host) throw new AppError("forbidden", "Cross-site request refused (CSRF protection).");
}

// Path segments that are not plain names never reach lib/: `..`, encoded slashes and the like.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

interface Options<P extends z.ZodType, B extends z.ZodType, Q extends z.ZodType> {
  params?: P;
  body?: B;
  query?: Q;
}

type Ctx<P, B, Q> = { actor: Actor; params: P; body: B; query: Q; req: Request };

export function route<P extends z.ZodType = z.ZodAny, B extends z.ZodType = z.ZodAny, Q extends z.ZodType = z.ZodAny>(
  opts: Options<P, B, Q>,
  handler: (ctx: Ctx<z.infer<P>, z.infer<B>, z.infer<Q>>) => Promise<unknown>,
) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const actor = await requireActor();
      await checkCsrf(req, actor);
      const rawParams = (await ctx.params) ?? {};
      for (const [k, v] of Object.entries(rawParams)) {
        if (!SEGMENT.test(v)) throw new AppError("bad_request", `"${v.slice(0, 80)}" is not a valid ${k}: use lowercase letters, digits and '-'.`);
      }
      const params = opts.params ? opts.params.parse(rawParams) : rawParams;
      let body: unknown = undefined;
      if (opts.body) {
        let json: unknown;
        try {
          json = await req.json();
        } catch {
          throw new AppError("bad_request", "The request body must be JSON.");
        }
        body = opts.body.parse(json);
      }
      const query = opts.query ? opts.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const out = await handler({ actor, params, body, query, req } as Ctx<z.infer<P>, z.infer<B>, z.infer<Q>>);
      if (out instanceof Response) return out;
      return out === undefined ? new Response(null, { status: 204 }) : Response.json(out);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
