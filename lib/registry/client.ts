// A small OCI distribution client: what pushing an image needs and nothing more
// (https://github.com/opencontainers/distribution-spec/blob/main/spec.md). No npm
// package fits (../shared/docs/images-and-registries.md): the ones that exist buffer
// whole blobs, cannot mount, or need Node 22. Tested against the reference registry.
//
// Auth: a 401 carries `WWW-Authenticate: Basic …` or `Bearer realm=…,service=…,scope=…`
// (distribution's token authentication); both are handled, per repository scope.
// Credentials never appear in errors or logs.
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayer: "application/vnd.oci.image.layer.v1.tar",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(", ");

export type RegistryProblem = "unreachable" | "unauthorized" | "denied" | "not_found" | "protocol" | "aborted";

export class RegistryError extends Error {
  constructor(
    readonly problem: RegistryProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "RegistryError";
  }
}

export interface Credentials {
  username: string;
  password: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

export interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
}

export const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

function challenge(header: string | null): { scheme: "basic" | "bearer"; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme !== "basic" && scheme !== "bearer") return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g)) params[p[1]] = p[2];
  return { scheme, params };
}

export class RegistryClient {
  /** Authorization header per scope ("" = the registry itself, for Basic). */
  private readonly auth = new Map<string, string>();

  constructor(
    /** http(s)://host[:port] */
    readonly baseUrl: string,
    private readonly credentials?: Credentials,
    private readonly signal?: AbortSignal,
  ) {}

  get host() {
    return new URL(this.baseUrl).host;
  }

  private describe(e: unknown): RegistryError {
    if (e instanceof RegistryError) return e;
    if ((e as Error)?.name === "AbortError" || this.signal?.aborted) return new RegistryError("aborted", "cancelled");
    const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
    const code = cause?.code;
    const words: Record<string, string> = { ECONNREFUSED: "connection refused", ENOTFOUND: "host not found", EAI_AGAIN: "host not found", ETIMEDOUT: "connection timed out", UND_ERR_CONNECT_TIMEOUT: "connection timed out", ECONNRESET: "connection reset", EPROTO: "it does not speak TLS (try http://)" };
    const reason = code ? `${words[code] ?? cause?.message ?? code} (${code})` : (cause?.message ?? (e as Error).message);
    return new RegistryError("unreachable", `registry ${this.host} is unreachable: ${reason}`);
  }

  private async authorize(res: Response, scope: string): Promise<boolean> {
    const c = challenge(res.headers.get("www-authenticate"));
    if (!c) return false;
    if (c.scheme === "basic") {
      if (!this.credentials) return false;
      this.auth.set("", `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}`);
      return true;
    }
    const realm = c.params.realm;
    if (!realm) return false;
    const u = new URL(realm);
    if (c.params.service) u.searchParams.set("service", c.params.service);
    const wanted = c.params.scope ?? scope;
    if (wanted) u.searchParams.set("scope", wanted);
    const headers: Record<string, string> = {};
    if (this.credentials) headers.authorization = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}`;
    let t: Response;
    try {
      t = await fetch(u, { headers, signal: this.signal });
    } catch (e) {
      throw this.describe(e);
    }
    if (t.status === 401 || t.status === 403) throw new RegistryError("unauthorized", `registry ${this.host} refused the username or password (${t.status} from its token service)`, t.status);
    if (!t.ok) throw new RegistryError("protocol", `registry ${this.host}: its token service answered ${t.status}`, t.status);
    const body = (await t.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError("protocol", `registry ${this.host}: its token service answered no token`);
    this.auth.set(scope, `Bearer ${token}`);
    return true;
  }

  /**
   * One request with a small body (none, or bytes). `scope` is the repository's token
   * scope; after an auth challenge it is retried once with credentials. Streamed blobs go
   * through uploadBlob, after a small request of the same scope has settled auth.
   */
  async request(method: string, pathOrUrl: string, opts: { scope: string; headers?: Record<string, string>; body?: Uint8Array } = { scope: "" }): Promise<Response> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const send = async () => {
      const headers: Record<string, string> = { ...opts.headers };
      const a = this.auth.get(opts.scope) ?? this.auth.get("");
      if (a) headers.authorization = a;
      try {
        return await fetch(url, {
          method,
          headers,
          body: opts.body as BodyInit | undefined,
          signal: this.signal,
          redirect: "follow",
        } as RequestInit);
      } catch (e) {
        throw this.describe(e);
      }
    };
    let res = await send();
    if (res.status === 401) {
      await res.body?.cancel();
      if (await this.authorize(res, opts.scope)) res = await send();
      if (res.status === 401) {
        await res.body?.cancel();
        throw new RegistryError("unauthorized", this.credentials ? `registry ${this.host} refused the username or password (401)` : `registry ${this.host} needs a username and password (401)`, 401);
      }
    }
    if (res.status === 403) {
      await res.body?.cancel();
      throw new RegistryError("denied", `registry ${this.host} denied access to ${method} ${new URL(url).pathname} (403)`, 403);
    }
    return res;
  }

  private async fail(res: Response, what: string): Promise<never> {
    let detail = "";
    try {
      const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
      detail = body.errors?.map((e) => `${e.code}: ${e.message}`).join("; ") ?? "";
    } catch {
      /* not JSON */
    }
    throw new RegistryError(res.status === 404 ? "not_found" : "protocol", `registry ${this.host}: ${what} answered ${res.status}${detail ? ` (${detail})` : ""}`, res.status);
  }

  /** GET /v2/ — what "Test connection" shows. */
  async ping(): Promise<void> {
    const res = await this.request("GET", "/v2/", { scope: "registry:catalog:*" });
    if (!res.ok) await this.fail(res, "GET /v2/");
    await res.body?.cancel();
  }

  private scope(repo: string, push = false) {
    return `repository:${repo}:${push ? "pull,push" : "pull"}`;
  }

  /** A manifest or index, with the digest of its exact bytes. */
  async getManifest(repo: string, reference: string): Promise<{ manifest: Manifest; mediaType: string; digest: string; bytes: Uint8Array }> {
    const res = await this.request("GET", `/v2/${repo}/manifests/${reference}`, { scope: this.scope(repo), headers: { accept: MANIFEST_ACCEPT } });
    if (res.status === 404) {
      await res.body?.cancel();
      throw new RegistryError("not_found", `image ${this.host}/${repo}:${reference} was not found`, 404);
    }
    if (!res.ok) await this.fail(res, `GET manifest ${repo}:${reference}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const manifest = JSON.parse(Buffer.from(bytes).toString("utf8")) as Manifest;
    const mediaType = manifest.mediaType ?? res.headers.get("content-type")?.split(";")[0] ?? MEDIA.ociManifest;
    return { manifest, mediaType, digest: sha256(bytes), bytes };
  }

  async getBlob(repo: string, digest: string): Promise<Response> {
    const res = await this.request("GET", `/v2/${repo}/blobs/${digest}`, { scope: this.scope(repo) });
    if (!res.ok) await this.fail(res, `GET blob ${digest.slice(0, 19)}`);
    return res;
  }

  async getBlobJson<T>(repo: string, digest: string): Promise<T> {
    const res = await this.getBlob(repo, digest);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (sha256(bytes) !== digest) throw new RegistryError("protocol", `registry ${this.host}: blob ${digest} does not match its digest`);
    return JSON.parse(Buffer.from(bytes).toString("utf8")) as T;
  }

  async hasBlob(repo: string, digest: string, push = false): Promise<boolean> {
    const res = await this.request("HEAD", `/v2/${repo}/blobs/${digest}`, { scope: this.scope(repo, push) });
    await res.body?.cancel();
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    return this.fail(res, `HEAD blob ${digest.slice(0, 19)}`);
  }

  /** Cross-repository mount: true when the registry linked the blob (201), false when it opened an upload instead. */
  async mountBlob(repo: string, digest: string, from: string): Promise<boolean> {
    const res = await this.request("POST", `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`, { scope: `${this.scope(repo, true)} ${this.scope(from)}` });
    await res.body?.cancel();
    if (res.status === 201) return true;
    if (res.status === 202) {
      const loc = res.headers.get("location");
      if (loc) await this.request("DELETE", new URL(loc, this.baseUrl).toString(), { scope: this.scope(repo, true) }).then((r) => r.body?.cancel(), () => undefined);
      return false;
    }
    return this.fail(res, "mount blob");
  }

  /**
   * The PATCH of a streamed blob, through node:http: its pipe waits for the socket to
   * drain, so a 500 MB layer never sits in memory (fetch with a stream body does not wait
   * on Node 20: measured 480 MB of growth for a 500 MB blob).
   */
  private patchStream(url: string, scope: string, body: Readable): Promise<{ status: number; location: string | null; text: string }> {
    const u = new URL(url);
    const headers: Record<string, string> = { "content-type": "application/octet-stream", "transfer-encoding": "chunked" };
    const a = this.auth.get(scope) ?? this.auth.get("");
    if (a) headers.authorization = a;
    return new Promise((resolve, reject) => {
      const req = (u.protocol === "https:" ? https : http).request(u, { method: "PATCH", headers, signal: this.signal }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text = (text + c).slice(0, 4096)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, text }));
        res.on("error", reject);
      });
      req.on("error", (e) => reject(this.describe(e.name === "AbortError" ? e : Object.assign(new Error(e.message), { cause: e }))));
      pipeline(body, req).catch((e) => {
        req.destroy();
        reject(this.describe(Object.assign(new Error((e as Error).message), { cause: e })));
      });
    });
  }

  /**
   * Streams one blob: POST opens an upload (and settles auth), one PATCH carries the whole
   * stream, PUT closes it with the digest, known only once the stream has ended (`digest()`).
   */
  async uploadBlob(repo: string, body: Readable | Uint8Array, digest: () => string): Promise<void> {
    const scope = this.scope(repo, true);
    const start = await this.request("POST", `/v2/${repo}/blobs/uploads/`, { scope });
    await start.body?.cancel();
    if (start.status !== 202) await this.fail(start, "start blob upload");
    let location = new URL(start.headers.get("location") ?? "", this.baseUrl).toString();
    if (body instanceof Uint8Array) {
      const patch = await this.request("PATCH", location, { scope, headers: { "content-type": "application/octet-stream" }, body });
      await patch.body?.cancel();
      if (patch.status !== 202) await this.fail(patch, "upload blob data");
      location = new URL(patch.headers.get("location") ?? location, this.baseUrl).toString();
    } else {
      const patch = await this.patchStream(location, scope, body);
      if (patch.status === 401) throw new RegistryError("unauthorized", `registry ${this.host} refused the upload (401)`, 401);
      if (patch.status !== 202) throw new RegistryError("protocol", `registry ${this.host}: upload blob data answered ${patch.status} (${patch.text.slice(0, 200)})`, patch.status);
      location = new URL(patch.location ?? location, this.baseUrl).toString();
    }
    const put = new URL(location);
    put.searchParams.set("digest", digest());
    const done = await this.request("PUT", put.toString(), { scope, headers: { "content-length": "0" } });
    await done.body?.cancel();
    if (done.status !== 201) await this.fail(done, "finish blob upload");
  }

  async putManifest(repo: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const res = await this.request("PUT", `/v2/${repo}/manifests/${reference}`, { scope: this.scope(repo, true), headers: { "content-type": mediaType }, body: bytes });
    await res.body?.cancel();
    if (res.status !== 201) await this.fail(res, `PUT manifest ${repo}:${reference}`);
    return res.headers.get("docker-content-digest") ?? sha256(bytes);
  }

  /** Deletes a manifest by digest (every tag on it goes); false when the registry does not allow deletes (405). */
  async deleteManifest(repo: string, digest: string): Promise<boolean> {
    const res = await this.request("DELETE", `/v2/${repo}/manifests/${digest}`, { scope: `repository:${repo}:delete` });
    await res.body?.cancel();
    if (res.status === 202 || res.status === 404) return true;
    if (res.status === 405) return false;
    return this.fail(res, `DELETE manifest ${repo}@${digest.slice(0, 19)}`);
  }
}

