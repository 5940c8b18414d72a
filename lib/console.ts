// What every console page needs to know about the request: who, which cluster context, which namespace.
import { cookies } from "next/headers";
import { CONTEXT_COOKIE, NAMESPACE_COOKIE } from "./preferences";
import { currentUser, type CurrentUser } from "./auth/session";
import { isAppError } from "./errors";
import { clusterContexts, serviceKubeConfig } from "./k8s/config";
import { listNamespaceNames } from "./k8s/namespaces";

export interface ConsoleContext {
  user: CurrentUser;
  contexts: { name: string; server: string }[];
  context: string;
  namespaces: string[];
  namespace: string;
  clusterError?: string;
}

export async function consoleContext(): Promise<ConsoleContext | null> {
  const user = await currentUser();
  if (!user) return null;
  const jar = await cookies();
  let contexts: ConsoleContext["contexts"] = [];
  let context = "";
  let namespaces: string[] = [];
  let clusterError: string | undefined;
  try {
    contexts = clusterContexts();
    const kc = serviceKubeConfig(jar.get(CONTEXT_COOKIE)?.value);
    context = kc.currentContext;
    namespaces = await listNamespaceNames(kc);
  } catch (e) {
    clusterError = isAppError(e) ? e.message : String(e);
  }
  const wanted = jar.get(NAMESPACE_COOKIE)?.value ?? "";
  const namespace = namespaces.includes(wanted) ? wanted : "";
  return { user, contexts, context, namespaces, namespace, clusterError };
}
