// Names Kubernetes accepts, checked before anything is sent
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
import { z } from "zod";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label (namespaces, Services, most app names): lowercase, digits, '-', ≤ 63. */
export function dnsLabel(what: string) {
  return z
    .string({ error: `${what} is required` })
    .min(1, `${what} is required`)
    .max(63, `${what} must be at most 63 characters`)
    .refine((v) => v === v.toLowerCase(), `${what} must be lowercase`)
    .refine((v) => DNS_LABEL.test(v), `${what} may contain only lowercase letters, digits and '-', and must start and end with a letter or digit`);
}

export const namespaceName = dnsLabel("Namespace name");
export const teamSlug = dnsLabel("Team slug").refine((v) => v.length <= 40, "Team slug must be at most 40 characters");
