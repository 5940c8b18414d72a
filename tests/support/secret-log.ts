// What a full test run's consoles logged, and the secrets the run used, so that the last check
// of `npm test` (tests/final/secrets-in-logs.test.ts) can prove none of them was logged.
import { appendFileSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../../.berth");
/** Every console the system tests start writes its output here (one run's worth). */
export const CONSOLE_LOG = path.join(dir, "test-console.log");
/** One secret per line: passwords, keys and client secrets the run handed to the console. */
export const SECRETS_FILE = path.join(dir, "test-secrets.txt");

export function recordSecret(value: string) {
  mkdirSync(dir, { recursive: true });
  appendFileSync(SECRETS_FILE, value + "\n");
}

/** Standard streams for a console process: its output appended to CONSOLE_LOG. */
export function consoleLogStdio(): ["ignore", number, number] {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(CONSOLE_LOG, "a");
  return ["ignore", fd, fd];
}
