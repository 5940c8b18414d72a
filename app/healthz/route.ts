// Liveness: the process is up and serving. Checks nothing else on purpose.
import { answer, direct } from "@/lib/http/direct.mjs";

export const dynamic = "force-dynamic";

const OK = JSON.stringify({ status: "ok" });
const INIT = { headers: { "content-type": "application/json" } };

export const GET = direct((req: Request) => answer(req, OK, INIT));
