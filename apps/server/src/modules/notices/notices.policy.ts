/**
 * Pure rules of notices and instructions (上传下达): who receives one. Downward, the staff of the
 * project (granted at it, above it or inside it) with one of the audience roles (everyone when
 * none are named); upward, a report goes to the supervisors and the director above the project.
 */
export const UPWARD_ROLES = ['reception_supervisor', 'center_director'] as const;

export interface StaffGrant {
  userId: string;
  roleCode: string;
  /** Path of the node the role is granted at. */
  grantPath: string;
}

export function recipientsOf(grants: readonly StaffGrant[], projectPath: string, direction: 'down' | 'up', audienceRoles: readonly string[], authorId: string): string[] {
  const out = new Set<string>();
  for (const g of grants) {
    if (g.userId === authorId) continue;
    if (direction === 'up') {
      // Above (or at) the project: the people the desk reports to.
      if (projectPath.startsWith(g.grantPath) && (UPWARD_ROLES as readonly string[]).includes(g.roleCode)) out.add(g.userId);
    } else {
      const related = projectPath.startsWith(g.grantPath) || g.grantPath.startsWith(projectPath);
      if (related && (audienceRoles.length === 0 || audienceRoles.includes(g.roleCode))) out.add(g.userId);
    }
  }
  return [...out].sort();
}
