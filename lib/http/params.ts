import { z } from "zod";
import { dnsLabel, dnsSubdomain, namespaceName, teamSlug } from "../domain/names";

export const namespaceParams = z.object({ namespace: namespaceName });
export const appParams = z.object({ namespace: namespaceName, app: dnsLabel("appName") });
export const configParams = z.object({ namespace: namespaceName, name: dnsSubdomain("configMapName") });
export const secretParams = z.object({ namespace: namespaceName, name: dnsSubdomain("secretName") });
export const secretValueParams = secretParams.extend({ key: z.string().min(1).max(253).regex(/^[-._a-zA-Z0-9]+$/) });
export const teamClusterParams = z.object({ team: teamSlug, cluster: dnsLabel("clusterName") });
