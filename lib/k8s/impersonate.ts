// Cluster calls made for a user run AS that user: every request carries
// Impersonate-User and Impersonate-Group, so the apiserver's RBAC decides
// (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation).
// Berth's own identity only needs the `impersonate` verb for that.
import type { KubeConfig, RequestContext } from "@kubernetes/client-node";
import type https from "node:https";
import { PooledKubeConfig } from "./connections";

import { isBerthGroup, kubeUserName } from "../domain/identity";

export { PLATFORM_ADMIN_GROUP, teamGroup } from "../domain/identity";

export interface Identity {
  /** The Berth user's email; sent as `berth:user:<email>` (lib/domain/identity.ts). */
  user: string;
  /** One group per request: the team role this request acts under. */
  group: string;
}

class ImpersonatingKubeConfig extends PooledKubeConfig {
  constructor(
    base: KubeConfig,
    private readonly who: Identity,
  ) {
    super(base);
  }

  private headers(): Record<string, string> {
    return { "Impersonate-User": kubeUserName(this.who.user), "Impersonate-Group": this.who.group };
  }

  // Typed API clients (CoreV1Api, AppsV1Api, …) authenticate through this (over kept-open connections: lib/k8s/connections.ts).
  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    for (const [k, v] of Object.entries(this.headers())) context.setHeaderParam(k, v);
  }

  // Watch, Log and other fetch-based helpers: applyToFetchOptions builds on this one.
  override async applyToHTTPSOptions(opts: https.RequestOptions) {
    await super.applyToHTTPSOptions(opts);
    opts.headers = { ...(opts.headers ?? {}), ...this.headers() };
  }
}

/** Berth's connection acting as `who`; an identity outside Berth's prefixes is refused here, before any call. */
export function impersonate(base: KubeConfig, who: Identity): KubeConfig {
  kubeUserName(who.user);
  if (!isBerthGroup(who.group)) throw new Error(`not a group Berth may act as: ${JSON.stringify(who.group.slice(0, 80))}`);
  return new ImpersonatingKubeConfig(base, who);
}
