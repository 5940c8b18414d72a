// A team's registries (the `docker login` step): owners add, change and remove them;
// members see them without credentials. Each registry with a login becomes a pull Secret
// in every namespace of the team, kept in step by the person making the change.
import { z } from "zod";
import { requireTeamRole, type Actor } from "../auth/actor";
import { open, seal } from "../auth/secret-box";
import { audit } from "../db/audit";
import { createRegistry, deleteRegistry, findRegistry, listRegistries, updateRegistry } from "../db/registries";
import { namespacesOfTeam, requireTeam } from "../db/teams";
import { msg } from "../domain/messages";
import { pullSecret, pullSecretName, registryInput, registryUpdate } from "../domain/registry";
import { AppError } from "../errors";
import { RegistryClient, RegistryError, type Credentials } from "../registry/client";
import { LOCAL_REGISTRY, localRegistryAddress } from "../registry/local";
import { deletePullSecret, putPullSecret } from "../k8s/pull-secrets";
import { teamClient } from "./namespace-client";

export { registryInput, registryUpdate };

const who = (a: Actor) => ({ actor: a.user.email, userId: a.user.id });

export interface RegistryView {
  name: string;
  url: string;
  username: string | null;
  hasPassword: boolean;
  builtIn: boolean;
  pullSecret: string | null;
  createdBy?: string;
  updatedAt?: Date;
}

function localView(): RegistryView | undefined {
  const address = localRegistryAddress();
  return address ? { name: LOCAL_REGISTRY, url: `http://${address}`, username: null, hasPassword: false, builtIn: true, pullSecret: null } : undefined;
}

export async function teamRegistries(actor: Actor, slug: string): Promise<RegistryView[]> {
  requireTeamRole(actor, slug, "read");
  const t = await requireTeam(slug);
  const rows = await listRegistries(t.id);
  const local = localView();
  return [
    ...(local ? [local] : []),
    ...rows.map((r) => ({ name: r.name, url: r.url, username: r.username, hasPassword: !!r.passwordEnc, builtIn: false, pullSecret: r.passwordEnc ? pullSecretName(r.name) : null, createdBy: r.createdBy, updatedAt: r.updatedAt })),
  ];
}

/** A registry with its credentials opened, for pushing and pulling on the server side only. */
export async function registryForTeam(t: { id: string; slug: string }, name: string): Promise<{ name: string; url: string; credentials?: Credentials; pullSecret: string | null }> {
  if (name === LOCAL_REGISTRY) {
    const address = localRegistryAddress();
    if (address) return { name, url: `http://${address}`, pullSecret: null };
  }
  const r = await findRegistry(t.id, name);
  if (!r) throw new AppError("not_found", msg("noRegistry", { team: t.slug, name }));
  const credentials = r.username && r.passwordEnc ? { username: r.username, password: open(r.passwordEnc) } : undefined;
  return { name: r.name, url: r.url, credentials, pullSecret: credentials ? pullSecretName(r.name) : null };
}

/** The team's registries by host, with their logins opened (a build's base may live in one of them). */
export async function teamRegistriesByHost(teamId: string): Promise<(host: string) => { url: string; credentials?: Credentials } | undefined> {
  const rows = await listRegistries(teamId);
  return (host) => {
    const r = rows.find((x) => new URL(x.url).host === host);
    return r && { url: r.url, credentials: r.username && r.passwordEnc ? { username: r.username, password: open(r.passwordEnc) } : undefined };
  };
}

/** Pull Secrets for one registry in every namespace of the team (or removes them when it has no login). */
async function syncSecrets(actor: Actor, slug: string, namespaces: string[], name: string, url: string, credentials?: Credentials) {
  for (const ns of namespaces) {
    const kc = await teamClient(actor, slug, ns);
    if (credentials) await putPullSecret(kc, ns, pullSecret(name, url, credentials.username, credentials.password));
    else await deletePullSecret(kc, ns, pullSecretName(name));
  }
}

export async function addRegistry(actor: Actor, slug: string, input: z.infer<typeof registryInput>) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  if (await findRegistry(t.id, input.name)) throw new AppError("conflict", msg("registryExists", { team: slug, name: input.name }));
  const credentials = input.username && input.password ? { username: input.username, password: input.password } : undefined;
  const row = await createRegistry({ teamId: t.id, name: input.name, url: input.url, username: input.username || undefined, passwordEnc: input.password ? seal(input.password) : undefined, createdBy: actor.user.email });
  try {
    await syncSecrets(actor, slug, await namespacesOfTeam(t.id), input.name, input.url, credentials);
  } catch (e) {
    await deleteRegistry(row.id); // no registry without its pull Secrets
    await audit({ ...who(actor), teamId: t.id, action: "registry.create", target: input.name, result: "failed", detail: (e as Error).message });
    throw e;
  }
  await audit({ ...who(actor), teamId: t.id, action: "registry.create", target: input.name, result: "ok", detail: input.url });
  return (await teamRegistries(actor, slug)).find((r) => r.name === input.name);
}

export async function changeRegistry(actor: Actor, slug: string, name: string, input: z.infer<typeof registryUpdate>) {
  requireTeamRole(actor, slug, "own");
  if (name === LOCAL_REGISTRY) throw new AppError("bad_request", msg("localReadOnly"));
  const t = await requireTeam(slug);
  const r = await findRegistry(t.id, name);
  if (!r) throw new AppError("not_found", msg("noRegistry", { team: slug, name }));
  const url = input.url ?? r.url;
  const username = input.username !== undefined ? input.username || null : r.username;
  const password = input.password !== undefined ? input.password || null : r.passwordEnc ? open(r.passwordEnc) : null;
  if (password && !username) throw new AppError("bad_request", msg("passwordNeedsUser"), { fields: { username: msg("passwordNeedsUser") } });
  await updateRegistry(r.id, { url, username, passwordEnc: input.password !== undefined ? (input.password ? seal(input.password) : null) : r.passwordEnc });
  await syncSecrets(actor, slug, await namespacesOfTeam(t.id), name, url, username && password ? { username, password } : undefined);
  await audit({ ...who(actor), teamId: t.id, action: "registry.update", target: name, result: "ok", detail: input.password !== undefined ? "credentials changed" : undefined });
  return (await teamRegistries(actor, slug)).find((x) => x.name === name);
}

export async function removeRegistry(actor: Actor, slug: string, name: string) {
  requireTeamRole(actor, slug, "own");
  if (name === LOCAL_REGISTRY) throw new AppError("bad_request", msg("localReadOnly"));
  const t = await requireTeam(slug);
  const r = await findRegistry(t.id, name);
  if (!r) throw new AppError("not_found", msg("noRegistry", { team: slug, name }));
  await syncSecrets(actor, slug, await namespacesOfTeam(t.id), name, r.url, undefined);
  await deleteRegistry(r.id);
  await audit({ ...who(actor), teamId: t.id, action: "registry.delete", target: name, result: "ok" });
}

/** Pull Secrets of every registry of the team in a namespace the team just got. */
export async function pullSecretsForNewNamespace(actor: Actor, slug: string, teamId: string, namespace: string) {
  const kc = await teamClient(actor, slug, namespace);
  for (const r of await listRegistries(teamId)) {
    if (r.username && r.passwordEnc) await putPullSecret(kc, namespace, pullSecret(r.name, r.url, r.username, open(r.passwordEnc)));
  }
}

/** "Test connection": exactly what the registry answered, in words. */
export async function testRegistry(actor: Actor, slug: string, name: string): Promise<{ ok: boolean; problem?: string; message: string }> {
  requireTeamRole(actor, slug, "read");
  const t = await requireTeam(slug);
  const r = await registryForTeam(t, name);
  const client = new RegistryClient(r.url, r.credentials, AbortSignal.timeout(10_000));
  try {
    await client.ping();
    return { ok: true, message: msg("registryOk", { host: client.host }) };
  } catch (e) {
    return { ok: false, ...describeRegistryError(e, client.host) };
  }
}

/** A registry failure as a person reads it. */
export function describeRegistryError(e: unknown, host: string): { problem: string; message: string } {
  if (e instanceof RegistryError) {
    if (e.problem === "unauthorized") return { problem: "unauthorized", message: msg(/needs a username/.test(e.message) ? "registryNeedsLogin" : "registryUnauthorized", { host }) };
    if (e.problem === "unreachable") return { problem: "unreachable", message: msg("registryUnreachable", { host, reason: e.message.replace(/^registry \S+ is unreachable: /, "") }) };
    return { problem: e.problem, message: e.message };
  }
  if ((e as Error)?.name === "TimeoutError") return { problem: "unreachable", message: msg("registryUnreachable", { host, reason: "no answer within 10 s" }) };
  return { problem: "error", message: (e as Error).message };
}
