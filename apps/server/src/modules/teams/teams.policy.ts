/** Pure rules for maintenance / reception / security teams (班组). */

export interface TeamMembership {
  memberIds: string[];
  leaderId: string | null;
}

/**
 * The members and leader a team ends up with. The leader is always a member: a leader named
 * without being listed joins the team; a leader removed from the members stops leading it.
 */
export function resolveMembership(
  current: TeamMembership,
  change: { memberIds?: readonly string[]; leaderId?: string | null },
): TeamMembership {
  const members = [...new Set(change.memberIds ?? current.memberIds)];
  let leaderId = change.leaderId !== undefined ? change.leaderId : current.leaderId;
  if (change.leaderId != null && !members.includes(change.leaderId)) members.push(change.leaderId);
  if (leaderId !== null && !members.includes(leaderId)) leaderId = null;
  return { memberIds: members, leaderId };
}

/** Members to add and to remove to go from one list to the other (the rest stay untouched). */
export function membershipDiff(before: readonly string[], after: readonly string[]): { add: string[]; remove: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { add: after.filter((id) => !b.has(id)), remove: before.filter((id) => !a.has(id)) };
}
