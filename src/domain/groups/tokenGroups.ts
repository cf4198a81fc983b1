import type { Store } from "../ports/store.js";
import type { GroupRecord } from "./types.js";

/** What a user's groups put in their tokens. */
export interface GroupClaims {
  /** `cognito:groups`: every group's name, highest precedence first. */
  groups: string[];
  /** `cognito:roles`: the distinct role ARNs of those groups, in the same order. */
  roles: string[];
  /** `cognito:preferred_role`: absent when no group has a role or the top groups disagree. */
  preferredRole?: string;
}

/** The group claims of the user with this internal username. */
export async function groupsForToken(store: Store, poolId: string, username: string): Promise<GroupClaims> {
  return groupClaims(await store.groups.allForUser(poolId, username));
}

/**
 * Cognito's rule: lower Precedence wins and a group without one loses to any group with one. The preferred
 * role comes from the winning groups among those that have a role; when several tie, it is set only if they
 * all name the same role. Ordering `cognito:groups` by precedence (ties in join order) is our choice: AWS
 * documents no order, and its own samples read the first entry as the highest-precedence group.
 */
export function groupClaims(memberships: readonly GroupRecord[]): GroupClaims {
  const ordered = [...memberships].sort(byPrecedence);
  const roles = [...new Set(ordered.flatMap((group) => (group.roleArn === undefined ? [] : [group.roleArn])))];
  const withRoles = ordered.filter((group) => group.roleArn !== undefined);
  const [first] = withRoles;
  const topGroups = first === undefined ? [] : withRoles.filter((group) => byPrecedence(group, first) === 0);
  const topRoles = new Set(topGroups.map((group) => group.roleArn));
  const preferredRole = topRoles.size === 1 ? [...topRoles][0] : undefined;
  return {
    groups: ordered.map((group) => group.name),
    roles,
    ...(preferredRole === undefined ? {} : { preferredRole }),
  };
}

/** Stable sort comparator: lower precedence first, groups without one last. */
function byPrecedence(a: GroupRecord, b: GroupRecord): number {
  if (a.precedence === b.precedence) return 0;
  if (a.precedence === undefined) return 1;
  if (b.precedence === undefined) return -1;
  return a.precedence - b.precedence;
}
