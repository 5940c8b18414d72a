// Registries a team pushes to and pulls from: validation, and the pull Secret each one
// becomes in the team's namespaces. Pure.
import type { V1Secret } from "@kubernetes/client-node";
import { z } from "zod";
import { msg } from "./messages";
import { dnsLabel } from "./names";

export const registryUrl = z
  .string()
  .trim()
  .max(253)
  .transform((v) => (/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`).replace(/\/+$/, ""))
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname && (u.pathname === "/" || u.pathname === "") && !u.search && !u.username;
    } catch {
      return false;
    }
  }, msg("registryUrl"));

export const registryInput = z
  .object({
    name: dnsLabel("registryName").refine((v) => v !== "local", msg("registryLocalReserved")),
    url: registryUrl,
    username: z.string().trim().max(256).optional(),
    password: z.string().max(4096).optional(),
  })
  .refine((r) => !r.password || !!r.username, { message: msg("passwordNeedsUser"), path: ["username"] });

/** An edit: a missing password keeps the stored one; an empty one removes it. */
export const registryUpdate = z.object({
  url: registryUrl.optional(),
  username: z.string().trim().max(256).optional(),
  password: z.string().max(4096).optional(),
});

export const pullSecretName = (registry: string) => `registry-${registry}`;
export const REGISTRY_LABEL = "berth.dev/registry";

/** host[:port] a registry URL names (what image references and dockerconfigjson use). */
export const registryHost = (url: string) => new URL(url).host;

/** The `.dockerconfigjson` value (base64, as Secret data holds it) of one registry login, the way `docker login` writes it. */
export function dockerConfigJson(host: string, username: string, password: string): string {
  const auth = Buffer.from(`${username}:${password}`).toString("base64");
  return Buffer.from(JSON.stringify({ auths: { [host]: { username, password, auth } } })).toString("base64");
}

/** The kubernetes.io/dockerconfigjson Secret the node uses to pull from a team registry. */
export function pullSecret(name: string, url: string, username: string, password: string): V1Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: pullSecretName(name), labels: { "app.kubernetes.io/managed-by": "berth", [REGISTRY_LABEL]: name } },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": dockerConfigJson(registryHost(url), username, password) },
  };
}
