// A Dockerfile read into a build plan for the in-process image builder, with the
// parser behind the VS Code Docker tools (dockerfile-ast). Only instructions that need
// no running container are planned: FROM, COPY/ADD of context files, ENV, ARG, LABEL,
// EXPOSE, WORKDIR, USER, ENTRYPOINT, CMD. Anything else is refused with its line, marked
// as needing a builder (the build then runs in the cluster, lib/services/cluster-builds.ts). Pure.
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import picomatch from "picomatch";
import path from "node:path/posix";
import type { ImageConfigChanges } from "./image-ref";

export class DockerfileError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly needsBuilder = false,
  ) {
    super(`Dockerfile line ${line}: ${message}`);
    this.name = "DockerfileError";
  }
}

export interface CopyStep {
  line: number;
  text: string;
  sources: string[];
  dest: string;
  chown?: string;
}

export interface DockerfilePlan {
  from: string;
  copies: CopyStep[];
  config: ImageConfigChanges;
}

const RUNS_CONTAINER = new Set(["RUN"]);
const UNSUPPORTED: Record<string, string> = {
  HEALTHCHECK: "HEALTHCHECK is not supported by the in-process builder: use the app's probes instead",
  ONBUILD: "ONBUILD is not supported by the in-process builder",
  SHELL: "SHELL is not supported by the in-process builder",
  VOLUME: "VOLUME is not supported by the in-process builder: add storage in the deploy form instead",
  STOPSIGNAL: "STOPSIGNAL is not supported by the in-process builder",
  MAINTAINER: "MAINTAINER is deprecated: use LABEL maintainer=…",
};

/** $VAR and ${VAR} (with ${VAR:-default}) from the values known at this line. */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\\\$|\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (m, braced: string | undefined, def: string | undefined, bare: string | undefined) => {
    if (m === "\\$") return "$";
    const name = braced ?? bare!;
    return vars[name] ?? def ?? "";
  });
}

function jsonOrShell(i: Instruction, vars: Record<string, string>): string[] {
  const raw = i.getArgumentsContent() ?? "";
  if (raw.trim().startsWith("[")) {
    try {
      const v = JSON.parse(raw) as unknown;
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
    } catch {
      /* shell form after all */
    }
  }
  return ["/bin/sh", "-c", substitute(raw, vars)];
}

/** Reads the Dockerfile into a plan; `buildArgs` are the --build-arg values. */
export function planDockerfile(text: string, buildArgs: Record<string, string> = {}): DockerfilePlan {
  if (!text.trim()) throw new DockerfileError(1, "the Dockerfile is empty");
  const doc = DockerfileParser.parse(text);
  const instructions = doc.getInstructions();
  const vars: Record<string, string> = {};
  const config: ImageConfigChanges = {};
  const copies: CopyStep[] = [];
  let from: string | undefined;
  let workdir = "/";

  for (const i of instructions) {
    const line = i.getRange().start.line + 1;
    const keyword = i.getKeyword().toUpperCase();
    const args = (i.getArguments() ?? []).map((a) => a.getValue());
    if (RUNS_CONTAINER.has(keyword)) {
      throw new DockerfileError(line, `${keyword} runs a command inside a container, which needs a builder (BuildKit in the cluster)`, true);
    }
    if (UNSUPPORTED[keyword]) throw new DockerfileError(line, UNSUPPORTED[keyword], true);
    switch (keyword) {
      case "ARG": {
        for (const a of args) {
          const [name, ...rest] = a.split("=");
          if (!/^\w+$/.test(name)) throw new DockerfileError(line, `"${a}" is not NAME or NAME=default`);
          vars[name] = buildArgs[name] ?? (rest.length ? substitute(rest.join("="), vars).replace(/^"(.*)"$/, "$1") : (vars[name] ?? ""));
        }
        break;
      }
      case "FROM": {
        if (from) throw new DockerfileError(line, "a second FROM (multi-stage build) needs a builder; the in-process builder makes single-stage images", true);
        if (!args[0]) throw new DockerfileError(line, "FROM needs an image");
        if (args.some((a) => a.startsWith("--platform"))) throw new DockerfileError(line, "FROM --platform is not supported by the in-process builder", true);
        from = substitute(args[0], vars);
        if (!from || from.includes("$")) throw new DockerfileError(line, `FROM ${args[0]}: a build argument it uses has no value`);
        break;
      }
      case "ENV": {
        const props = (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
        if (!props.length) throw new DockerfileError(line, "ENV needs NAME=value");
        config.env ??= {};
        for (const p of props) {
          const value = substitute(p.getValue() ?? "", vars);
          config.env[p.getName()] = value;
          vars[p.getName()] = value;
        }
        break;
      }
      case "LABEL": {
        const props = (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
        config.labels ??= {};
        for (const p of props) config.labels[p.getName().replace(/^"(.*)"$/, "$1")] = substitute(p.getValue() ?? "", vars);
        break;
      }
      case "EXPOSE": {
        config.exposedPorts ??= [];
        for (const a of args) {
          const v = substitute(a, vars);
          const m = /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(v);
          if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw new DockerfileError(line, `EXPOSE ${v}: not a port like 8080 or 8080/tcp`);
          config.exposedPorts.push(`${m[1]}/${(m[2] ?? "tcp").toLowerCase()}`);
        }
        break;
      }
      case "WORKDIR": {
        const dir = substitute(args.join(" "), vars);
        if (!dir) throw new DockerfileError(line, "WORKDIR needs a path");
        workdir = path.resolve(workdir, dir);
        config.workdir = workdir;
        break;
      }
      case "USER":
        if (!args[0]) throw new DockerfileError(line, "USER needs a user");
        config.user = substitute(args[0], vars);
        break;
      case "ENTRYPOINT":
        config.entrypoint = jsonOrShell(i, vars);
        break;
      case "CMD":
        config.cmd = jsonOrShell(i, vars);
        break;
      case "COPY":
      case "ADD": {
        if (!from) throw new DockerfileError(line, `${keyword} before FROM`);
        const flags = (i as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags();
        let chown: string | undefined;
        for (const f of flags) {
          if (f.getName() === "chown") chown = substitute(f.getValue() ?? "", vars);
          else if (f.getName() === "from") throw new DockerfileError(line, `${keyword} --from copies from another stage or image, which needs a builder`, true);
          else if (f.getName() !== "link") throw new DockerfileError(line, `${keyword} --${f.getName()} is not supported by the in-process builder`);
        }
        const jsonForm = (i.getArgumentsContent() ?? "").trim().startsWith("[");
        let parts = args;
        if (jsonForm) {
          try {
            parts = JSON.parse(i.getArgumentsContent() ?? "[]") as string[];
          } catch {
            throw new DockerfileError(line, `${keyword}: the JSON form must be a list of strings`);
          }
        }
        parts = parts.map((p) => substitute(p, vars));
        if (parts.length < 2) throw new DockerfileError(line, `${keyword} needs a source and a destination`);
        const dest = parts[parts.length - 1];
        const sources = parts.slice(0, -1);
        for (const s of sources) {
          if (keyword === "ADD" && /^[a-z]+:\/\//i.test(s)) throw new DockerfileError(line, `ADD ${s}: downloading during a build is not supported; put the file in the build context and COPY it`);
          if (keyword === "ADD" && /\.(tar|tgz|tar\.gz|tar\.bz2|tar\.xz)$/i.test(s)) throw new DockerfileError(line, `ADD ${s}: ADD unpacks archives, which the in-process builder does not do; unpack it in the context, or COPY it`);
          const norm = path.normalize(s);
          if (norm.startsWith("../") || norm === "..") throw new DockerfileError(line, `${keyword} ${s}: sources must be inside the build context`);
        }
        copies.push({ line, text: `${keyword} ${parts.join(" ")}`, sources, dest: path.resolve(workdir, dest) + (dest.endsWith("/") && dest !== "/" ? "/" : ""), chown });
        break;
      }
      default:
        throw new DockerfileError(line, `unknown instruction ${keyword}`);
    }
  }
  if (!from) throw new DockerfileError(1, "the Dockerfile has no FROM");
  return { from, copies, config };
}

export interface ContextEntry {
  /** Relative to the context root, with "/" separators. */
  path: string;
  type: "file" | "directory" | "symlink";
  size: number;
  mode: number;
}

/**
 * Docker's COPY rules on a listed context: a directory source copies its contents, a file
 * goes to dest (or dest/<name> when dest ends with / or there are several sources),
 * wildcards match like filepath.Match. Answers context path → image path.
 */
export function resolveCopy(step: CopyStep, context: ContextEntry[]): { from: ContextEntry; to: string }[] {
  const out: { from: ContextEntry; to: string }[] = [];
  const byPath = new Map(context.map((e) => [e.path, e]));
  const matches: ContextEntry[] = [];
  for (const s of step.sources) {
    const pattern = path.normalize(s).replace(/^\.?\/+/, "").replace(/\/+$/, "");
    if (pattern === "." || pattern === "") {
      matches.push({ path: "", type: "directory", size: 0, mode: 0o755 });
      continue;
    }
    if (/[*?[]/.test(pattern)) {
      const isMatch = picomatch(pattern, { dot: true });
      const found = context.filter((e) => isMatch(e.path));
      if (!found.length) throw new DockerfileError(step.line, `${step.text}: no file in the build context matches ${s}`);
      matches.push(...found);
    } else {
      const e = byPath.get(pattern);
      if (!e) throw new DockerfileError(step.line, `${step.text}: ${s} is not in the build context`);
      matches.push(e);
    }
  }
  const intoDir = step.dest.endsWith("/") || matches.length > 1 || step.sources.length > 1;
  for (const m of matches) {
    if (m.type === "directory") {
      const prefix = m.path ? `${m.path}/` : "";
      for (const e of context) {
        if (e.path.startsWith(prefix) && e.path !== m.path) out.push({ from: e, to: path.join(step.dest, e.path.slice(prefix.length)) });
      }
    } else {
      out.push({ from: m, to: intoDir ? path.join(step.dest, path.basename(m.path)) : step.dest.replace(/\/$/, "") });
    }
  }
  return out;
}

/** The first port a Dockerfile's last stage EXPOSEs (plain numbers only), for a Dockerfile built elsewhere (in the cluster). */
export function exposedPort(text: string): number | undefined {
  let port: number | undefined;
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    const keyword = i.getKeyword().toUpperCase();
    if (keyword === "FROM") port = undefined;
    if (keyword !== "EXPOSE" || port !== undefined) continue;
    const m = /^(\d{1,5})(?:\/tcp)?$/i.exec(i.getArguments()[0]?.getValue() ?? "");
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 65535) port = Number(m[1]);
  }
  return port;
}
