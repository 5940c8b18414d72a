// Notable events from the console's code as JSON lines, in the shape the request lines of
// scripts/serve.mjs have (pino's: level, time, service, msg): one log an operator can parse.
// LOG_LEVEL (info by default) decides what is written. Callers pass messages and names, never
// credentials.
const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 } as const;
type Level = keyof typeof LEVELS;

const threshold = () => LEVELS[(process.env.LOG_LEVEL as Level) ?? "info"] ?? LEVELS.info;

export function logEvent(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < threshold()) return;
  const line = JSON.stringify({ level: LEVELS[level], time: Date.now(), service: "berth", msg, ...fields });
  if (LEVELS[level] >= LEVELS.warn) process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}
