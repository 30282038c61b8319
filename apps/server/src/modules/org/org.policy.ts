import type { OrgUnitKind } from '@propdesk/contracts';

/** The org tree's shape: which kind of node may sit under which. */
const CHILD_KINDS: Record<OrgUnitKind, OrgUnitKind[]> = {
  group: ['company'],
  company: ['center'],
  center: ['project'],
  project: ['building'],
  building: [],
};

export function mayHaveChild(parentKind: OrgUnitKind | null, childKind: OrgUnitKind): boolean {
  if (parentKind === null) return childKind === 'group';
  return CHILD_KINDS[parentKind].includes(childKind);
}

export function allowedChildKinds(parentKind: OrgUnitKind): OrgUnitKind[] {
  return CHILD_KINDS[parentKind];
}

/** Path of a child node under its parent's path. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Roles are granted at group, company, center or project level; a building is too fine. */
export function isGrantableKind(kind: OrgUnitKind): boolean {
  return kind !== 'building';
}

/** An IANA time zone this runtime knows ("Asia/Shanghai"); a project's dates and deadlines are read in it. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
