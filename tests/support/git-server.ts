// A real Git server over HTTP for the build tests: git's own smart-HTTP CGI
// (`git http-backend`) behind a small Node server, serving bare repositories made here.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/db/embedded";

const git = (args: string[], cwd: string) => {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

export async function startGitServer() {
  const root = mkdtempSync(path.join(os.tmpdir(), "berth-git-"));
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const cgi = spawn("git", ["http-backend"], {
      env: {
        NODE_ENV: process.env.NODE_ENV,
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: decodeURIComponent(u.pathname),
        REQUEST_METHOD: req.method ?? "GET",
        QUERY_STRING: u.search.slice(1),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        HTTP_GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
        REMOTE_ADDR: "127.0.0.1",
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString().split("\r\n")) {
        const i = line.indexOf(":");
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === "status") status = Number(v.split(" ")[0]);
        else res.setHeader(k, v);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.on("close", () => res.end());
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    /** A bare repository `name.git` whose one commit holds the files of `from`; answers the commit id. */
    repo(name: string, from: string): string {
      const work = mkdtempSync(path.join(os.tmpdir(), "berth-git-work-"));
      cpSync(from, work, { recursive: true });
      git(["init", "--quiet", "-b", "main"], work);
      git(["add", "-A"], work);
      git(["commit", "--quiet", "-m", "app"], work);
      git(["clone", "--quiet", "--bare", work, path.join(root, `${name}.git`)], os.tmpdir());
      // Partial clones, as GitHub and GitLab allow them.
      git(["config", "uploadpack.allowFilter", "true"], path.join(root, `${name}.git`));
      return git(["rev-parse", "HEAD"], work);
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
