// Kubernetes groups Berth impersonates. One group per request: the team role the
// request acts under, or the platform-admin group.
export const PLATFORM_ADMIN_GROUP = "berth:platform-admins";

export function teamGroup(teamSlug: string, role: string): string {
  return `berth:team:${teamSlug}:${role}`;
}
