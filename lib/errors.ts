// One error type for everything Berth reports to a person: a stable code (the UI
// translates it), an HTTP status, and an English message that says what to do.
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "rate_limited"
  | "payload_too_large"
  | "unprocessable"
  | "cluster_unreachable"
  | "cluster_forbidden"
  | "database_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  payload_too_large: 413,
  unprocessable: 422,
  cluster_unreachable: 503,
  cluster_forbidden: 403,
  database_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * The JSON body every API error uses; `translate` puts Berth's own message and field
 * messages in the person's language (text it does not know is left as it is).
 */
export function errorBody(e: AppError, translate: (text: string) => string = (t) => t) {
  let details = e.details;
  const fields = details?.fields as Record<string, string> | undefined;
  if (fields) details = { ...details, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translate(v)])) };
  return { error: { code: e.code, message: translate(e.message), ...(details ? { details } : {}) } };
}
