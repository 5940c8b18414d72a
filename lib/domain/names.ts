// Names Kubernetes accepts, checked before anything is sent
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
import { z } from "zod";
import { msg, type MessageKey } from "./messages";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label (namespaces, Services, most app names): lowercase, digits, '-', ≤ 63. */
export function dnsLabel(label: MessageKey) {
  const what = msg(label);
  return z
    .string({ error: msg("required", { what }) })
    .min(1, msg("required", { what }))
    .max(63, msg("tooLong63", { what }))
    .refine((v) => v === v.toLowerCase(), msg("lowercase", { what }))
    .refine((v) => DNS_LABEL.test(v), msg("dnsLabel", { what }));
}

/** The DNS-1123 label nearest to any text (a kubeconfig context "kind-Prod_1" → "kind-prod-1"); empty when nothing is left. */
export function toDnsLabel(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 63).replace(/^-+|-+$/g, "");
}

export const namespaceName = dnsLabel("namespaceName");
export const teamSlug = dnsLabel("teamSlug").refine((v) => v.length <= 40, msg("teamSlugLength"));

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** A DNS-1123 subdomain (ConfigMap and Secret names, which may contain dots): lowercase, digits, '-', '.', ≤ 253. */
export function dnsSubdomain(label: MessageKey) {
  const what = msg(label);
  return z
    .string({ error: msg("required", { what }) })
    .min(1, msg("required", { what }))
    .max(253)
    .refine((v) => DNS_SUBDOMAIN.test(v), msg("dnsLabel", { what }));
}
