// Names of the cookies that keep console preferences.
export const NAMESPACE_COOKIE = "berth-ns";
export const CONTEXT_COOKIE = "berth-context";
export const TEAM_COOKIE = "berth-team";
