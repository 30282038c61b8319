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

/** What still points at a zone (counted in the database) when someone asks to remove it. */
export interface ZoneUsage {
  /** Buildings assigned to the zone (zone_buildings). */
  buildings: number;
  /** Tickets that recorded the zone at intake (tickets.zone_id): service history. */
  tickets: number;
}

/** One reason a removal is refused, in both languages (the service joins them into the 409 message). */
export interface RemovalBlocker {
  reason: string;
  count: number;
  zh: string;
  en: string;
}

/**
 * Why a zone cannot be removed; empty when it can. Buildings must be moved to another zone first
 * (else their requests would lose their routing). Zones have no "inactive" state, and a ticket
 * keeps the zone it was routed by: a zone that tickets refer to stays, so history keeps its zone.
 */
export function zoneRemovalBlockers(usage: ZoneUsage): RemovalBlocker[] {
  const blockers: RemovalBlocker[] = [];
  if (usage.buildings > 0) {
    blockers.push({
      reason: 'buildings', count: usage.buildings,
      zh: `仍有 ${usage.buildings} 个楼栋划在该责任区，请先将它们移到其他责任区或移出`,
      en: `${usage.buildings} building(s) are still assigned to it: move them to another zone or out of it first`,
    });
  }
  if (usage.tickets > 0) {
    blockers.push({
      reason: 'tickets', count: usage.tickets,
      zh: `已有 ${usage.tickets} 张工单记录了该责任区，为保留服务历史不能删除（可改名继续使用）`,
      en: `${usage.tickets} ticket(s) record this zone and their history must stay, so it cannot be removed (you may rename it instead)`,
    });
  }
  return blockers;
}
