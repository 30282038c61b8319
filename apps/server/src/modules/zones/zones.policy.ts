/**
 * Pure rules of responsibility zones (责任区): a building is in at most one zone. (A request about
 * a unit is routed to the team of its building's zone: one query, routeForBuilding in zones.service.)
 */

export interface ZoneRoute {
  zoneId: string;
  zoneName: string;
  /** null: the zone has no team yet, the dispatcher has to pick one. */
  teamId: string | null;
  teamName: string | null;
}

export interface BuildingAssignment {
  buildingId: string;
  buildingName: string;
  zoneId: string;
  zoneName: string;
}

/**
 * The requested buildings that already sit in another zone. `zoneId` is the zone being saved
 * (null when creating): its own buildings are no conflict.
 */
export function buildingsInOtherZones(requested: readonly string[], assignments: readonly BuildingAssignment[], zoneId: string | null): BuildingAssignment[] {
  const wanted = new Set(requested);
  return assignments.filter((a) => wanted.has(a.buildingId) && a.zoneId !== zoneId);
}

/** The requested buildings that are not buildings of the zone's project (unknown ids included). */
export function buildingsOutsideProject(requested: readonly string[], buildings: readonly { id: string; kind: string; projectId: string | null }[], projectId: string): string[] {
  const ok = new Set(buildings.filter((b) => b.kind === 'building' && b.projectId === projectId).map((b) => b.id));
  return requested.filter((id) => !ok.has(id));
}

/** The same building listed twice is one building. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
