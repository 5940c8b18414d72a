// The Kubernetes identities Berth impersonates: the user `berth:user:<email>` and one group per
// request, the team role the request acts under or the platform-admin group. Everything is
// under Berth's own `berth:` prefix, so no identity Berth sends can be `system:…` (system:masters,
// a node, a service account) or a real cluster user.
export const PLATFORM_ADMIN_GROUP = "berth:platform-admins";

export const USER_PREFIX = "berth:user:";

/** A plain email address (what Berth's sign-ins accept): no spaces, control characters or colons. */
export const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The Kubernetes user name for a Berth user's email; anything else is refused. */
export function kubeUserName(email: string): string {
  if (email.length > 254 || !EMAIL.test(email)) throw new Error(`not an email Berth can act as: ${JSON.stringify(email.slice(0, 80))}`);
  return USER_PREFIX + email;
}

/** Whether a group is one Berth may impersonate (its own prefix). */
export const isBerthGroup = (group: string) => group === PLATFORM_ADMIN_GROUP || /^berth:team:[a-z0-9-]+:(owner|developer|viewer)$/.test(group);

export function teamGroup(teamSlug: string, role: string): string {
  return `berth:team:${teamSlug}:${role}`;
}
