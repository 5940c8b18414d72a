// A Git source, cloned shallowly with the git CLI: only http(s) and ssh (no file://, no
// local paths, no option injection), no prompts, a deadline, and a size limit watched
// while it clones.
import { spawn } from "node:child_process";
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { msg } from "../domain/messages";
import { AppError } from "../errors";

/** The URL without any password it may carry (for logs and records). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

async function du(dir: string): Promise<number> {
  let total = 0;
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else total += (await stat(p).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return total;
}

function git(args: string[], cwd: string, opts: { signal?: AbortSignal; watchDir?: string; maxBytes?: number; timeoutMs?: number }): Promise<string> {
  const safe = ["-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always", "-c", "protocol.ssh.allow=always", "-c", "core.hooksPath=/dev/null", "-c", "credential.helper="];
  return new Promise((resolve, reject) => {
    // Its own process group: git fetch runs helpers (git-remote-https, ssh) that must end with it.
    const child = spawn("git", [...safe, ...args], {
      cwd,
      detached: true,
      env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: cwd, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "/bin/false", SSH_ASKPASS: "/bin/false", GIT_SSH_COMMAND: "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new", GIT_CONFIG_NOSYSTEM: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killAll = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    if (opts.signal?.aborted) killAll();
    opts.signal?.addEventListener("abort", killAll, { once: true });
    let out = "";
    let err = "";
    let tooBig = false;
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err = (err + c).slice(-4000)));
    const watch = opts.watchDir && opts.maxBytes
      ? setInterval(async () => {
          if ((await du(opts.watchDir!)) > opts.maxBytes!) {
            tooBig = true;
            killAll();
          }
        }, 1000)
      : undefined;
    const deadline = setTimeout(killAll, opts.timeoutMs ?? 300_000);
    child.on("error", (e) => reject(e));
    child.on("close", async (code) => {
      clearInterval(watch);
      clearTimeout(deadline);
      opts.signal?.removeEventListener("abort", killAll);
      if (opts.signal?.aborted) return reject(Object.assign(new Error("cancelled"), { name: "AbortError" }));
      // what came in faster than the watch looks is measured once it is there
      if (!tooBig && code === 0 && watch && (await du(opts.watchDir!)) > opts.maxBytes!) tooBig = true;
      if (tooBig) return reject(new AppError("payload_too_large", msg("gitTooLarge", { limit: `${Math.round(opts.maxBytes! / 1024 / 1024)} MB` })));
      if (code === 0) resolve(out.trim());
      else reject(new Error(err.trim().split("\n").filter((l) => !/^(Cloning into|hint:)/.test(l)).slice(-3).join(" ") || `git exited with ${code}`));
    });
  });
}

const failed = (url: string, ref: string, e: unknown) => (e instanceof AppError ? e : new AppError("unprocessable", msg("gitFailed", { url: redactUrl(url), ref, reason: (e as Error).message })));

/** A path as a sparse-checkout pattern that matches it alone (anchored, wildcards escaped). */
const exactPattern = (p: string) => `/${p.replace(/^\.?\/+/, "").replace(/([*?[\]!#\\])/g, "\\$1")}`;

/**
 * Clones `url` at `ref` (branch, tag or full commit id) into `dir`; answers the commit.
 * `only`: just these paths are checked out (the Dockerfile, to decide where the build runs)
 * and no other file's content is fetched — a partial clone, where the server allows it
 * (GitHub, GitLab, git http-backend with uploadpack.allowFilter) — until checkoutAll.
 */
export async function cloneGit(url: string, ref: string, dir: string, opts: { signal?: AbortSignal; maxBytes: number; only?: string[] }): Promise<string> {
  const run = (args: string[]) => git(args, dir, { ...opts, watchDir: dir });
  try {
    await run(["init", "--quiet", "."]);
    await run(["remote", "add", "origin", "--", url]);
    await run(["fetch", "--quiet", "--depth", "1", "--no-tags", ...(opts.only ? ["--filter=blob:none"] : []), "origin", "--", ref]);
    if (opts.only) {
      await run(["config", "core.sparseCheckout", "true"]);
      await mkdir(path.join(dir, ".git", "info"), { recursive: true });
      await writeFile(path.join(dir, ".git", "info", "sparse-checkout"), opts.only.map(exactPattern).join("\n") + "\n");
    }
    await run(["checkout", "--quiet", "--detach", "FETCH_HEAD"]);
    return await run(["rev-parse", "HEAD"]);
  } catch (e) {
    throw failed(url, ref, e);
  }
}

/** The rest of a clone made with `only`: every file checked out, the contents fetched now. */
export async function checkoutAll(url: string, ref: string, dir: string, opts: { signal?: AbortSignal; maxBytes: number }): Promise<void> {
  try {
    await git(["sparse-checkout", "disable"], dir, { ...opts, watchDir: dir });
  } catch (e) {
    throw failed(url, ref, e);
  }
}
