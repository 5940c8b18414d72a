// Maps what client-node throws into AppError, in one place.
import { ApiException, type KubeConfig } from "@kubernetes/client-node";
import { timedApiserverCall } from "../metrics";
import { clusterServer } from "./config";
import { AppError } from "../errors";
import { msg } from "../domain/messages";

interface Status {
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string; message?: string; field?: string }[] };
}

function statusOf(e: ApiException<unknown>): Status {
  const body = e.body;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as Status;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as Status;
}

function networkReason(e: Error): string | undefined {
  const cause = e.cause as { code?: string } | undefined;
  const code = (e as { code?: string }).code ?? cause?.code;
  if (code === "ECONNREFUSED") return "connection refused (is the cluster running?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "connection timed out";
  if (code === "ECONNRESET") return "connection reset";
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS certificate problem (${code})`;
  if (e.name === "FetchError" || e.name === "AbortError") return e.message;
  return undefined;
}

/** Turns a cluster call failure into an AppError a person can act on. */
export function toAppError(e: unknown, server: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ApiException) {
    const st = statusOf(e);
    const text = st.message ?? `the cluster answered HTTP ${e.code}`;
    switch (e.code) {
      case 400:
        return new AppError("bad_request", text);
      case 401:
        return new AppError("cluster_unreachable", msg("clusterCredentials", { server, reason: text }));
      case 403:
        return new AppError("cluster_forbidden", msg("kubernetesRefused", { reason: text }), { reason: "Forbidden", kubernetes: true });
      case 404:
        return new AppError("not_found", text);
      case 409:
        return new AppError("conflict", text, { reason: st.reason, causes: st.details?.causes ?? [] });
      case 410:
        return new AppError("conflict", text, { reason: "Expired" });
      case 422:
        return new AppError("unprocessable", text);
      default:
        return new AppError("cluster_unreachable", msg("clusterUnreachable", { server, reason: `HTTP ${e.code}: ${text}` }));
    }
  }
  if (e instanceof Error) {
    const reason = networkReason(e) ?? e.message;
    return new AppError("cluster_unreachable", msg("clusterUnreachable", { server, reason }));
  }
  return new AppError("cluster_unreachable", msg("clusterUnreachable", { server, reason: String(e) }));
}

/** A call with the caller's client, its failure as the AppError a person reads. */
export async function kubeCall<T>(kc: KubeConfig, fn: () => Promise<T>): Promise<T> {
  try {
    return await timedApiserverCall(fn, (e) => toAppError(e, clusterServer(kc)).code);
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

/** For `.catch` after kubeCall: a missing object is undefined, anything else still throws. */
export const undefinedIfNotFound = (e: AppError) => {
  if (e.code === "not_found") return undefined;
  throw e;
};
