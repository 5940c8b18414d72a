// Image references as Docker resolves them (github.com/distribution/reference,
// ParseNormalizedNamed): `openjdk:8-jdk-slim` is docker.io/library/openjdk:8-jdk-slim,
// `ghcr.io/a/b` names its registry, `localhost:5000/x` too. Pure.

export const DOCKER_HUB = "docker.io";

export interface ImageRef {
  /** Registry host[:port], `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path inside the registry, e.g. library/openjdk. */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses a reference; throws an Error with a plain message when it is not one. */
export function parseImageRef(input: string): ImageRef {
  const text = input.trim();
  if (!text || /\s/.test(text)) throw new Error(`"${input}" is not an image reference`);
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`"${input}": the digest must be sha256:<64 hex digits>`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`"${input}": "${tag}" is not a valid tag`);
  }
  const parts = rest.split("/");
  let registry = DOCKER_HUB;
  // The first part is a registry when it looks like a host: has a dot or a port, or is localhost.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost")) registry = parts.shift()!;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = DOCKER_HUB;
  if (parts.some((p) => !COMPONENT.test(p))) throw new Error(`"${input}": repository names are lowercase letters, digits and . _ - separated by /`);
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  if (!tag && !digest) tag = "latest";
  return { registry, repository: parts.join("/"), tag, digest };
}

/** host/repository[:tag][@digest], always with the registry. */
export function formatImageRef(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}

/** What a manifest request asks for: the digest when pinned, else the tag. */
export const refReference = (r: ImageRef) => r.digest ?? r.tag ?? "latest";

/**
 * Where to fetch a reference from: the first mirror configured for its registry
 * (Docker's registry-mirrors, containerd's hosts.toml), else the registry itself.
 */
export function mirrored(r: ImageRef, mirrors: Record<string, string[]>): { host: string; ref: ImageRef } {
  const m = mirrors[r.registry]?.[0];
  return { host: m ?? r.registry, ref: r };
}

/** What a build changes in the base image's config (Docker's ENTRYPOINT, CMD, ENV …). */
export interface ImageConfigChanges {
  entrypoint?: string[];
  cmd?: string[];
  /** NAME → value, added to (or replacing in) the base's environment. */
  env?: Record<string, string>;
  workdir?: string;
  user?: string;
  /** "8080/tcp" */
  exposedPorts?: string[];
  labels?: Record<string, string>;
}
