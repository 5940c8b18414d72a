import { z } from "zod";
import { dnsLabel, namespaceName } from "../domain/names";

export const namespaceParams = z.object({ namespace: namespaceName });
export const appParams = z.object({ namespace: namespaceName, app: dnsLabel("appName") });
