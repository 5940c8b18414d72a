// The connections Berth's calls to a cluster go over, kept open between calls. client-node
// makes a new Agent for every call, and so a new TCP connection and TLS handshake (the
// apiserver's certificate checked again, Berth's client certificate sent again) for every
// read, write and access review. Here, every call with the same TLS options (one cluster,
// one credential of Berth's) shares one agent that keeps its connections open; each request
// still carries its own headers (who Berth acts as: lib/k8s/impersonate.ts), so sharing a
// connection shares nothing of a person's. Watches and logs keep their own connection each
// (they hold it for as long as they run).
import { createConfiguration, IsomorphicFetchHttpLibrary, KubeConfig, ServerConfiguration, wrapHttpLibrary, type ApiConstructor, type ApiType, type RequestContext, type ResponseContext } from "@kubernetes/client-node";
import { hash } from "node:crypto";
import https from "node:https";

/**
 * An idle connection is closed after this long: sooner than the apiserver closes an idle one
 * (90 s), which could happen just as it is reused.
 */
const IDLE_MS = 30_000;
/** Agents kept at most (one per cluster and credential); past that the oldest is let go (its connections close as they go idle). */
const MAX_AGENTS = 64;

/** The TLS options that decide who a connection is to and as whom: connections differing in any are never shared. */
const TLS_OPTIONS = ["ca", "cert", "key", "pfx", "passphrase", "servername", "rejectUnauthorized", "ciphers", "secureProtocol"] as const;

const agents = new Map<string, https.Agent>();

const text = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString("base64") : Array.isArray(v) ? v.map(text) : v);

/** The agent that keeps connections open for requests with these TLS options (the same agent for the same options). */
export function keptAgent(tls: Pick<https.AgentOptions, (typeof TLS_OPTIONS)[number]>): https.Agent {
  const id = hash("sha256", JSON.stringify(TLS_OPTIONS.map((k) => text(tls[k]) ?? null)));
  let agent = agents.get(id);
  if (!agent) {
    const options: https.AgentOptions = { keepAlive: true, timeout: IDLE_MS };
    for (const k of TLS_OPTIONS) if (tls[k] !== undefined) Object.assign(options, { [k]: tls[k] });
    agent = new https.Agent(options);
    if (agents.size >= MAX_AGENTS) agents.delete(agents.keys().next().value!);
    agents.set(id, agent);
  }
  return agent;
}

/**
 * The kept agent for a call to `kc`'s current cluster with these TLS options; undefined for a
 * cluster reached through a proxy, whose own agent stays.
 */
export function keptAgentFor(kc: KubeConfig, tls: Parameters<typeof keptAgent>[0]): https.Agent | undefined {
  return kc.getCurrentCluster()?.proxyUrl ? undefined : keptAgent(tls);
}

/**
 * Whether a request failed because its connection was closed under it (reset, or closed before
 * the answer: Node's "socket hang up"; node-fetch reports the same codes).
 */
export const closedUnder = (e: unknown): boolean => ["ECONNRESET", "EPIPE"].includes((e as { code?: string } | null)?.code ?? "");

const fetchOnce = new IsomorphicFetchHttpLibrary();

/**
 * client-node's own HTTP client (node-fetch), asking a read once more when its connection was
 * closed under it: a kept-open connection the apiserver (or a proxy before it) closes just as
 * it is reused fails its request through no fault of the request's; on a new connection the
 * read goes through. A write is never repeated (it may have been done).
 */
const readsAskedAgain = wrapHttpLibrary({
  async send(request: RequestContext): Promise<ResponseContext> {
    try {
      return await fetchOnce.send(request).toPromise();
    } catch (e) {
      if (request.getHttpMethod() !== "GET" || !closedUnder(e)) throw e;
      return fetchOnce.send(request).toPromise();
    }
  },
});

/**
 * A KubeConfig whose typed API clients (CoreV1Api, AppsV1Api, …) reuse kept-open connections
 * (keptAgent) instead of one new agent per call. A cluster reached through a proxy keeps the
 * proxy's agent; a plain-HTTP one client-node's own.
 */
export class PooledKubeConfig extends KubeConfig {
  /** `base`: a KubeConfig whose clusters, users and contexts this one starts as a copy of. */
  constructor(base?: KubeConfig) {
    super();
    if (base) this.loadFromOptions({ clusters: base.clusters, users: base.users, contexts: base.contexts, currentContext: base.currentContext });
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const made = context.getAgent();
    const kept = made instanceof https.Agent ? keptAgentFor(this, made.options) : undefined;
    if (kept) context.setAgent(kept);
  }

  /**
   * client-node's own makeApiClient (its config.js), with one thing added it has no option for:
   * the clients send through readsAskedAgain.
   */
  override makeApiClient<T extends ApiType>(apiClientType: ApiConstructor<T>): T {
    const cluster = this.getCurrentCluster();
    if (!cluster) throw new Error("No active cluster!");
    return new apiClientType(createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: this }, httpApi: readsAskedAgain }));
  }
}
