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

export const namespaceName = dnsLabel("namespaceName");
export const teamSlug = dnsLabel("teamSlug").refine((v) => v.length <= 40, msg("teamSlugLength"));
