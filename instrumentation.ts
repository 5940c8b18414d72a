// Runs once when a console process starts (Next.js instrumentation): the console's own cluster
// gets the name people see (lib/services/clusters.ts: `local` for npm start); builds an earlier
// process left Pending or Running are marked Failed with the reason, then every minute
// builds whose runner went silent are too (lib/services/build-runner.ts); the curated
// marketplace templates are seeded; release operations a stopped console left are finished
// or rolled back, then checked every minute (lib/services/releases.ts); in a cluster, the first
// platform admin is made from BERTH_ADMIN_EMAIL / BERTH_ADMIN_PASSWORD when there is nobody yet.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { logEvent } = await import("./lib/log");
  const { ensureDefaultCluster } = await import("./lib/services/clusters");
  await ensureDefaultCluster().catch((e: unknown) => logEvent("error", "could not name the console's own cluster", { reason: (e as Error).message }));
  const { ensureSweeper } = await import("./lib/services/builds");
  await ensureSweeper().catch((e: unknown) => logEvent("error", "could not check for interrupted builds", { reason: (e as Error).message }));
  const { seedCatalog } = await import("./lib/services/catalog");
  await seedCatalog().catch((e: unknown) => logEvent("error", "could not seed the marketplace templates", { reason: (e as Error).message }));
  if (process.env.BERTH_ADMIN_EMAIL && process.env.BERTH_ADMIN_PASSWORD) {
    // In a cluster (the Helm chart) the first platform admin comes from the chart's Secret; `npm start` seeds its own.
    const { seedFirstAdmin } = await import("./lib/db/seed");
    await seedFirstAdmin({ email: process.env.BERTH_ADMIN_EMAIL, password: process.env.BERTH_ADMIN_PASSWORD }).catch((e: unknown) => logEvent("warn", "could not create the first platform admin", { reason: (e as Error).message }));
  }
  const { ensureReleaseSweeper } = await import("./lib/services/releases");
  await ensureReleaseSweeper().catch((e: unknown) => logEvent("error", "could not check for interrupted releases", { reason: (e as Error).message }));
}

/**
 * A page or route that failed on the server: one log line with the request's id and the
 * error's reference (digest), the two ids the error page shows.
 */
export async function onRequestError(err: unknown, request: { path: string; method: string; headers: Record<string, string | string[] | undefined> }, context: { routePath: string; routeType: string }) {
  const { logEvent } = await import("./lib/log");
  const e = err as Error & { digest?: string };
  const reqId = request.headers["x-request-id"];
  logEvent("error", "request failed", { reqId: typeof reqId === "string" ? reqId : undefined, digest: e.digest, route: context.routePath, kind: context.routeType, err: { message: e.message, stack: e.stack } });
}
