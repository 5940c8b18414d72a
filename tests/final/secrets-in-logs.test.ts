// The last check of a full `npm test`: everything the consoles of the run logged (requests,
// events, errors, at LOG_LEVEL info) holds none of the secrets the run used — no user's password,
// no session key or encryption key, no OIDC client secret, no API token, no session cookie.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONSOLE_LOG, SECRETS_FILE } from "../support/secret-log";

describe("the logs of the whole test run", () => {
  const log = existsSync(CONSOLE_LOG) ? readFileSync(CONSOLE_LOG, "utf8") : "";
  const secrets = existsSync(SECRETS_FILE) ? [...new Set(readFileSync(SECRETS_FILE, "utf8").split("\n").filter((s) => s.length >= 8))] : [];

  it("were written, with a line per request", () => {
    expect(log.split("\n").filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(1000);
    expect(secrets.length).toBeGreaterThan(50);
  });

  it("hold none of the secrets the run used", () => {
    const found = secrets.filter((s) => log.includes(s));
    expect(found.map((s) => `${s.slice(0, 4)}… (${s.length} characters)`)).toEqual([]);
  });

  it("hold no API token and no session cookie", () => {
    expect(log.match(/berth_[A-Za-z0-9_-]{20,}/g) ?? []).toEqual([]);
    expect(log.match(/session-token=[^;\s"]{10,}/g) ?? []).toEqual([]);
  });
});
