// Liveness: the process is up and serving. Checks nothing else on purpose.
import { direct } from "@/lib/http/direct.mjs";

export const dynamic = "force-dynamic";

export const GET = direct(() => Response.json({ status: "ok" }));
