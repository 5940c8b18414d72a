// Liveness: the process is up and serving. Checks nothing else on purpose.
import { answer, direct, JSON_HEADERS } from "@/lib/http/direct.mjs";

export const dynamic = "force-dynamic";

const OK = JSON.stringify({ status: "ok" });

export const GET = direct((req: Request) => answer(req, OK, { headers: JSON_HEADERS }));
