// Runs once when a console process starts (Next.js instrumentation): builds an earlier
// process left Pending or Running are marked Failed with the reason, then every minute
// builds whose runner went silent are too (lib/services/build-runner.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { ensureSweeper } = await import("./lib/services/builds");
  await ensureSweeper().catch((e: unknown) => console.error(`[berth] could not check for interrupted builds: ${(e as Error).message}`));
}
