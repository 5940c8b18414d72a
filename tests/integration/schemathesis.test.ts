// Schemathesis (from PyPI, installed by `npm test`'s bootstrap) fuzzes the running console from
// /api/openapi.json with a team member's token: examples and generated cases, valid and
// invalid, for every operation. It must find no 5xx, and every answer must match the document
// (status, content type, body schema).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { teamWithNamespace } from "../support/teams";

const VERSION = "4.32.5"; // as scripts/bootstrap.mjs installs it
const st = path.join(process.env.BERTH_CACHE || path.join(homedir(), ".cache", "berth"), `schemathesis-${VERSION}`, "bin", "st");
const report = path.resolve(import.meta.dirname, "../../.berth/schemathesis");

it("finds no server error and no answer that differs from /api/openapi.json", async () => {
  expect(existsSync(st), `${st} (npm test installs it)`).toBe(true);
  const t = await teamWithNamespace({ role: "developer" });
  const made = await t.member.call("POST", "/api/tokens", { name: "schemathesis", scope: "write" });
  expect(made.status).toBe(201);
  mkdirSync(report, { recursive: true });
  const args = [
    "run", `${inject("baseUrl")}/api/openapi.json`,
    "--header", `Authorization: Bearer ${made.body.token}`,
    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
    // long-lived event streams never end by themselves: the stream tests cover them
    "--exclude-path-regex", "/(stream|logs)$",
    "--max-examples", "25",
    "--seed", "7",
    "--workers", "2",
    "--request-timeout", "30",
    "--suppress-health-check", "all",
    "--report", "junit", "--report-junit-path", path.join(report, "junit.xml"),
    "--output-sanitize", "true",
  ];
  const out: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const p = spawn(st, args, { cwd: report, env: { ...process.env, NO_COLOR: "1", SCHEMATHESIS_HOOKS: "" } }); // its cache (.schemathesis/) stays out of the repository
    p.stdout.on("data", (d) => out.push(String(d)));
    p.stderr.on("data", (d) => out.push(String(d)));
    p.on("close", (c) => resolve(c ?? 1));
  });
  const text = out.join("");
  console.log(text.split("\n").slice(-60).join("\n"));
  expect(text).toMatch(/operations?/i);
  expect(code, text.slice(-4000)).toBe(0);
  expect(readFileSync(path.join(report, "junit.xml"), "utf8")).toContain("<testsuite");
}, 1_500_000);
