// What every console page needs about the request: who, which team, which cluster (the
// header's picker), which namespaces they may see there, and a cluster client acting as them.
import type { KubeConfig } from "@kubernetes/client-node";
import { getLocale } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveActor, teamIdentity, type Actor } from "./auth/actor";
import { localize } from "./domain/messages";
import { isAppError } from "./errors";
import { impersonate } from "./k8s/impersonate";
import { listNamespaceNames } from "./k8s/namespaces";
import { listNamespaceApps } from "./services/apps";
import { namespaceUnreachable, pickerClusters } from "./services/clusters";
import { CONTEXT_COOKIE, NAMESPACE_COOKIE } from "./preferences";

export interface ConsoleContext {
  actor: Actor;
  /** The clusters the header's picker offers (with why one cannot be reached), and the chosen one's name. */
  contexts: { name: string; displayName: string; server: string; unreachable?: string }[];
  context: string;
  /** Berth's own connection to the chosen cluster (what the Overview reads nodes with). */
  service?: KubeConfig;
  /** Namespaces the header offers: the team's, or all of them for a platform admin without a team. */
  namespaces: string[];
  /** The chosen namespace, "" for all of `namespaces`. */
  namespace: string;
  /** The one namespace pages about a single namespace show: the chosen one, or the only one there is ("" if it is ambiguous). */
  single: string;
  /** Namespaces to read workloads from; undefined = cluster-wide (platform admin only). */
  scope?: string[];
  /** Cluster client impersonating the user under the current team (undefined: no team, not admin). */
  kube?: KubeConfig;
  clusterError?: string;
  /** The person's namespaces on a cluster that cannot be reached (read-only), with the reason. */
  readOnly: Record<string, string>;
}

/** Once per request (layout and page share it); null when signed out. */
export const consoleContext = cache(async (): Promise<ConsoleContext | null> => {
  const actor = await resolveActor();
  if (!actor) return null;
  const jar = await cookies();
  let contexts: ConsoleContext["contexts"] = [];
  let context = "";
  let namespaces: string[] = [];
  let scope: string[] | undefined = [];
  let kube: KubeConfig | undefined;
  let service: KubeConfig | undefined;
  let clusterError: string | undefined;
  let readOnly: Record<string, string> = {};
  try {
    const own = [...new Set(actor.memberships.flatMap((m) => m.namespaces))];
    const picker = await pickerClusters(jar.get(CONTEXT_COOKIE)?.value, actor.team?.namespaces ?? [], own);
    contexts = picker.clusters;
    readOnly = picker.readOnly;
    context = picker.chosen;
    service = picker.service;
    const identity = teamIdentity(actor);
    kube = identity ? impersonate(service, identity) : undefined;
    if (actor.team) namespaces = scope = picker.teamNamespaces;
    else if (actor.user.platformAdmin) {
      namespaces = await listNamespaceNames(service);
      scope = undefined;
    }
  } catch (e) {
    clusterError = isAppError(e) ? e.message : String(e);
  }
  const wanted = jar.get(NAMESPACE_COOKIE)?.value ?? "";
  const namespace = namespaces.includes(wanted) ? wanted : "";
  const single = namespace || (namespaces.length === 1 ? namespaces[0] : "");
  return { actor, contexts, context, service, namespaces, namespace, single, scope: namespace ? [namespace] : scope, kube, clusterError, readOnly };
});

/** For console pages: the context, or a redirect to the login page. */
export async function requireConsole(): Promise<ConsoleContext> {
  const ctx = await consoleContext();
  if (!ctx) redirect("/login");
  return ctx;
}

/** What went wrong, for a page: Berth's own messages in the person's language. */
export async function errorText(e: unknown): Promise<string> {
  return isAppError(e) ? localize(e.message, await getLocale()) : String(e);
}

/**
 * Whether the person may change things in a namespace (its team's owners and developers;
 * platform admins, in any team's namespace) and can now: its cluster answers (what was seen
 * last, lib/services/clusters.ts).
 */
export async function canWriteIn(ctx: ConsoleContext, namespace: string): Promise<boolean> {
  const m = ctx.actor.memberships.find((x) => x.namespaces.includes(namespace));
  if (!ctx.actor.user.platformAdmin && !(m && m.role !== "viewer")) return false;
  return !(ctx.readOnly[namespace] ?? (await namespaceUnreachable(namespace)));
}

/** The names of the apps a build may update in a namespace: none where the person cannot change anything now. */
export async function updatableApps(ctx: ConsoleContext, namespace: string): Promise<string[]> {
  if (!(await canWriteIn(ctx, namespace))) return [];
  return (await listNamespaceApps(ctx.actor, namespace, { limit: 500 })).items.map((a) => a.name);
}

/** The console's own address, as people and Git hosts reach it (NEXTAUTH_URL, else what this request came in on). */
export async function consoleOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
}
