// Builds: the form's fields, the bases offered for each kind of artifact, and what an
// artifact build puts where (binary-to-image, like Jib and OpenShift's S2I binary
// builds). Pure.
import path from "node:path/posix";
import { z } from "zod";
import type { ImageConfigChanges } from "./image-ref";
import { msg } from "./messages";
import { dnsLabel } from "./names";

export const ARTIFACT_KINDS = ["jar", "war", "static"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];
export const BUILD_STATUSES = ["Pending", "Running", "Succeeded", "Failed", "Cancelled"] as const;

/**
 * The bases offered per artifact kind, first one the default (an editable list: the
 * field takes any image, and BERTH_BUILD_BASES replaces these as JSON of the same shape).
 */
export const DEFAULT_BASES: Record<ArtifactKind, string[]> = {
  jar: ["eclipse-temurin:17-jre", "eclipse-temurin:21-jre", "openjdk:8-jdk-slim"],
  // The seed runs its war with `java -jar`; Tomcat deploys it as the root web app.
  war: ["eclipse-temurin:17-jre", "tomcat:10.1-jre17", "openjdk:8-jdk-slim"],
  static: ["nginx:1.27-alpine"],
};

/** repository:tag in the chosen registry, the way `docker tag` takes it. */
const REPO_TAG = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*:[\w][\w.-]{0,127}$/;
export const targetImage = z.string().trim().min(1, msg("targetImage")).max(255).regex(REPO_TAG, msg("targetImage"));

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[A-Za-z0-9._~\/-]+$/;

/** Git over http(s) or ssh only: no file://, no local paths, no ext:: transports. */
export const gitUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    if (SCP_LIKE.test(v)) return true;
    try {
      const u = new URL(v);
      return ["https:", "http:", "ssh:"].includes(u.protocol) && !!u.hostname;
    } catch {
      return false;
    }
  }, msg("gitUrlScheme"));

export const gitRef = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._\/-]+$/, msg("gitRef"));

export const gitSubdir = z
  .string()
  .trim()
  .max(1024)
  .refine((v) => !v || (!path.posix.isAbsolute(v) && !path.posix.normalize(v).startsWith("..")), msg("gitSubdir"));


const ENV_LINE = /^[A-Za-z_][A-Za-z0-9_.-]*=.*$/;

/** KEY=VALUE per line (blank lines and # comments ignored). */
export function parseEnvLines(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (text ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const i = line.indexOf("=");
    out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

const envLines = z
  .string()
  .max(16 * 1024)
  .refine((t) => t.split(/\r?\n/).every((l) => !l.trim() || l.trim().startsWith("#") || ENV_LINE.test(l.trim())), msg("envName"));

/** The fields of a build request (multipart form fields, all strings). */
export const buildFields = z
  .object({
    source: z.enum(["artifact", "dockerfile", "git"]),
    kind: z.enum(ARTIFACT_KINDS).optional(),
    base: z.string().trim().max(512).optional(),
    image: targetImage,
    registry: z.string().trim().min(1).max(63).default("local"),
    gitUrl: gitUrl.optional(),
    gitRef: gitRef.optional(),
    gitSubdir: gitSubdir.optional(),
    dockerfile: gitSubdir.optional(),
    port: z.coerce.number().int().min(1, msg("portRange")).max(65535, msg("portRange")).optional(),
    env: envLines.optional(),
    jvmOptions: z.string().trim().max(2048).optional(),
    updateApp: dnsLabel("appName").optional(),
  })
  .superRefine((f, ctx) => {
    if (f.source === "artifact" && !f.kind) ctx.addIssue({ code: "custom", path: ["kind"], message: msg("required", { what: "kind" }) });
    if (f.source === "git" && !f.gitUrl) ctx.addIssue({ code: "custom", path: ["gitUrl"], message: msg("gitUrlScheme") });
  });
export type BuildFields = z.infer<typeof buildFields>;

/** Where an artifact goes in the image and how the image starts it. */
export function artifactPlan(kind: ArtifactKind, base: string, opts: { port?: number; env?: Record<string, string>; jvmOptions?: string }): { dest: string; config: ImageConfigChanges } {
  const env = opts.env && Object.keys(opts.env).length ? opts.env : undefined;
  const exposedPorts = [`${opts.port ?? (kind === "static" ? 80 : 8080)}/tcp`];
  const jvm = (opts.jvmOptions ?? "").split(/\s+/).filter(Boolean);
  if (kind === "static") return { dest: "/usr/share/nginx/html", config: { exposedPorts, env } };
  if (kind === "war" && /(^|\/)tomcat[:@]/.test(base)) return { dest: "/usr/local/tomcat/webapps/ROOT.war", config: { exposedPorts, env: { ...env, ...(jvm.length ? { CATALINA_OPTS: jvm.join(" ") } : {}) } } };
  const file = kind === "war" ? "/app/app.war" : "/app/app.jar";
  return { dest: file, config: { workdir: "/app", entrypoint: ["java", ...jvm, "-jar", file], cmd: undefined, exposedPorts, env } };
}

export const buildListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.coerce.date().optional(),
  status: z.enum(BUILD_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const buildParams = z.object({ namespace: dnsLabel("namespaceName"), id: z.string().regex(/^[a-z0-9]{20,40}$/) });
