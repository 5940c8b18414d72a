// Git sources against a real Git server (git http-backend): a build first fetches only its
// Dockerfile — the other files' contents stay on the server (a partial clone) — so a build
// that then runs in the cluster fetches the source once, there; one built here gets the rest.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutAll, cloneGit } from "../../lib/source/git";
import { startGitServer } from "../support/git-server";

let git: Awaited<ReturnType<typeof startGitServer>>;
let commit: string;

/** Objects the clone knows of but does not hold (git prints them as "?<id>"). */
const missing = (dir: string) => spawnSync("git", ["rev-list", "--objects", "--missing=print", "HEAD"], { cwd: dir, encoding: "utf8" }).stdout.split("\n").filter((l) => l.startsWith("?")).length;

beforeAll(async () => {
  git = await startGitServer();
  const src = mkdtempSync(path.join(os.tmpdir(), "berth-git-src-"));
  mkdirSync(path.join(src, "app", "[x]"), { recursive: true });
  writeFileSync(path.join(src, "app", "Dockerfile"), "FROM busybox\nRUN echo hi\n");
  writeFileSync(path.join(src, "app", "[x]", "Dockerfile"), "FROM busybox\n");
  writeFileSync(path.join(src, "app", "big.bin"), Buffer.alloc(200_000, 7));
  writeFileSync(path.join(src, "README.md"), "hello\n");
  commit = git.repo("partial", src);
});
afterAll(() => git?.stop());

describe("a Git source", () => {
  it("is fetched with its Dockerfile only, then completely when the build runs here", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-git-clone-"));
    const url = `${git.url}/partial.git`;
    expect(await cloneGit(url, "main", dir, { maxBytes: 10_000_000, only: ["app/Dockerfile"] })).toBe(commit);
    expect(readFileSync(path.join(dir, "app", "Dockerfile"), "utf8")).toBe("FROM busybox\nRUN echo hi\n");
    expect(existsSync(path.join(dir, "app", "big.bin"))).toBe(false);
    expect(existsSync(path.join(dir, "app", "[x]", "Dockerfile"))).toBe(false); // the path matched exactly, not as a pattern
    expect(missing(dir)).toBe(3); // big.bin, README.md, [x]/Dockerfile: never downloaded

    await checkoutAll(url, "main", dir, { maxBytes: 10_000_000 });
    expect(readFileSync(path.join(dir, "app", "big.bin")).length).toBe(200_000);
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("hello\n");
    expect(missing(dir)).toBe(0);
  });

  it("without `only`, is cloned whole at once", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-git-clone-"));
    expect(await cloneGit(`${git.url}/partial.git`, "main", dir, { maxBytes: 10_000_000 })).toBe(commit);
    expect(readFileSync(path.join(dir, "app", "big.bin")).length).toBe(200_000);
    expect(missing(dir)).toBe(0);
  });

  it("keeps its size limit while the rest is fetched", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-git-clone-"));
    const url = `${git.url}/partial.git`;
    await cloneGit(url, "main", dir, { maxBytes: 100_000, only: ["app/Dockerfile"] });
    await expect(checkoutAll(url, "main", dir, { maxBytes: 100_000 })).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
