import type { CreateZoneBody, UpdateZoneBody, Zone, ZoneListQuery } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/query.js';
import type { ZonesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { buildingsInOtherZones, buildingsOutsideProject, uniqueIds, zoneRemovalBlockers, type ZoneRoute } from './zones.policy.js';
import { zonesRepository, type ZoneRow } from './zones.repository.js';

const ZONE: Localized = { zh: '责任区', en: 'zone' };
const PROJECT: Localized = { zh: '项目', en: 'project' };

/** Zones with their buildings, in the contract's shape. */
async function toZones(db: Tx, rows: ZoneRow[]): Promise<Zone[]> {
  const links = await zonesRepository.listBuildingsOfZones(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const buildings = links.filter((l) => l.zone_id === r.id).map((l) => ({ id: l.id, name: l.name }));
    return {
      id: r.id,
      projectId: r.project_id,
      name: r.name,
      teamId: r.team_id,
      teamName: r.team_name,
      buildingIds: buildings.map((b) => b.id),
      buildings,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

const nameTaken = (name: string) =>
  conflict('zone_name_taken', { zh: `本项目已有名为“${name}”的责任区`, en: `The project already has a zone named "${name}"` }, [{ path: 'body.name', message: 'taken in this project' }]);

/** The team must be one of the zone's project (a zone routes work to it). */
async function checkTeam(tx: Tx, projectId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const team = await zonesRepository.findTeam(tx, teamId);
  if (!team || team.project_id !== projectId) {
    throw new AppError(400, 'team_not_in_project', { zh: '所选班组不属于该项目', en: 'The team is not one of this project\'s teams' }, [
      { path: 'body.teamId', message: 'not a team of the zone\'s project' },
    ]);
  }
}

/** Buildings must be the project's, and each may sit in one zone only. */
async function checkBuildings(tx: Tx, projectId: string, zoneId: string | null, buildingIds: string[]) {
  const outside = buildingsOutsideProject(buildingIds, await zonesRepository.findOrgUnits(tx, buildingIds), projectId);
  if (outside.length > 0) {
    throw new AppError(400, 'building_not_in_project', {
      zh: `有 ${outside.length} 个楼栋不属于该项目，不能划入本责任区`,
      en: `${outside.length} of the buildings are not buildings of this project`,
    }, outside.map((id) => ({ path: 'body.buildingIds', message: 'not a building of the zone\'s project', buildingId: id })));
  }
  const taken = buildingsInOtherZones(buildingIds, await zonesRepository.listAssignments(tx, buildingIds), zoneId);
  if (taken.length > 0) {
    const first = taken[0]!;
    throw conflict('building_in_other_zone', {
      zh: `楼栋“${first.buildingName}”已属于责任区“${first.zoneName}”，请先从该责任区移出`,
      en: `Building "${first.buildingName}" already belongs to zone "${first.zoneName}": remove it from there first`,
    }, taken);
  }
}

export const zonesService = {
  async list(ctx: Ctx, q: ZoneListQuery) {
    const projectIds = await projectFilter(ctx, 'units.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await zonesRepository.list(ctx.database.db, { projectIds, teamId: q.teamId, q: q.q }, q);
    return { items: await toZones(ctx.database.db, rows), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<Zone> {
    const row = await zonesRepository.findById(ctx.database.db, id);
    if (!row) throw notFound(ZONE);
    await assertProjectInScope(ctx, 'units.read', row.project_id, ZONE);
    return (await toZones(ctx.database.db, [row]))[0]!;
  },

  async create(ctx: Ctx, input: CreateZoneBody): Promise<Zone> {
    await assertProjectInScope(ctx, 'units.manage', input.projectId, PROJECT);
    const buildingIds = uniqueIds(input.buildingIds);
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (await zonesRepository.findByName(tx, input.projectId, input.name)) throw nameTaken(input.name);
        await checkTeam(tx, input.projectId, input.teamId);
        await checkBuildings(tx, input.projectId, null, buildingIds);
        const now = nowIso();
        const row: ZonesTable = { id: newId(), project_id: input.projectId, name: input.name, team_id: input.teamId ?? null, created_at: now, updated_at: now };
        await zonesRepository.insert(tx, row);
        await zonesRepository.replaceBuildings(tx, row.id, row.project_id, buildingIds);
        const zone = (await toZones(tx, [(await zonesRepository.findById(tx, row.id))!]))[0]!;
        await recordAudit(tx, ctx, { action: 'zone.create', entity: 'zone', entityId: row.id, projectId: row.project_id, before: null, after: zone });
        return zone;
      });
    } catch (err) {
      throw uniqueToConflict(err, input.name);
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateZoneBody): Promise<Zone> {
    // Scope is read before the transaction (SQLite has one connection; see units.service).
    const manageable = await scopedProjectIds(ctx, 'units.manage');
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const row = await zonesRepository.findById(tx, id);
        if (!row || !manageable.includes(row.project_id)) throw notFound(ZONE);
        const before = (await toZones(tx, [row]))[0]!;
        if (input.name !== undefined && input.name !== row.name && (await zonesRepository.findByName(tx, row.project_id, input.name))) throw nameTaken(input.name);
        if (input.teamId !== undefined) await checkTeam(tx, row.project_id, input.teamId);
        const patch: Partial<ZonesTable> = { updated_at: nowIso() };
        if (input.name !== undefined) patch.name = input.name;
        if (input.teamId !== undefined) patch.team_id = input.teamId;
        await zonesRepository.update(tx, id, patch);
        if (input.buildingIds !== undefined) {
          const buildingIds = uniqueIds(input.buildingIds);
          await checkBuildings(tx, row.project_id, id, buildingIds);
          await zonesRepository.replaceBuildings(tx, id, row.project_id, buildingIds);
        }
        const after = (await toZones(tx, [(await zonesRepository.findById(tx, id))!]))[0]!;
        await recordAudit(tx, ctx, { action: 'zone.update', entity: 'zone', entityId: id, projectId: row.project_id, before, after });
        return after;
      });
    } catch (err) {
      throw uniqueToConflict(err, input.name ?? '');
    }
  },

  /**
   * Removes a zone nothing depends on any more; otherwise 409 zone_in_use saying what to do
   * first (details: one entry per reason, with its count).
   */
  async remove(ctx: Ctx, id: string): Promise<void> {
    const manageable = await scopedProjectIds(ctx, 'units.manage');
    try {
      await ctx.database.db.transaction().execute(async (tx) => {
        const row = await zonesRepository.findById(tx, id);
        if (!row || !manageable.includes(row.project_id)) throw notFound(ZONE);
        const blockers = zoneRemovalBlockers(await zonesRepository.usage(tx, id));
        if (blockers.length > 0) {
          throw conflict('zone_in_use', {
            zh: `不能删除责任区“${row.name}”：${blockers.map((b) => b.zh).join('；')}`,
            en: `The zone "${row.name}" cannot be removed: ${blockers.map((b) => b.en).join('; ')}`,
          }, blockers.map(({ reason, count }) => ({ reason, count })));
        }
        const before = (await toZones(tx, [row]))[0]!;
        await zonesRepository.remove(tx, id);
        await recordAudit(tx, ctx, { action: 'zone.delete', entity: 'zone', entityId: id, projectId: row.project_id, before, after: null });
      });
    } catch (err) {
      // A building or ticket put into the zone between the checks and the delete.
      if (isForeignKeyViolation(err)) {
        throw conflict('zone_in_use', { zh: '该责任区刚被使用（划入了楼栋或记录了工单），不能删除', en: 'The zone was just put to use (a building or ticket), so it cannot be removed' });
      }
      throw err;
    }
  },
};

/**
 * A unique violation that slipped past the checks (two people saving at once): a building
 * claimed by two zones, or the same zone name — answered as the checks would have.
 */
function uniqueToConflict(err: unknown, name: string): unknown {
  if (!isUniqueViolation(err)) return err;
  const text = String((err as { message?: string }).message ?? '');
  if (/zone_buildings/.test(text)) {
    return conflict('building_in_other_zone', { zh: '所选楼栋已被划入其他责任区', en: 'One of the buildings was just put into another zone' });
  }
  return nameTaken(name);
}

/**
 * Where the service desk sends a request about a unit of this project: its building's zone and
 * that zone's team (null when the building is in no zone). Not scoped: the caller has scoped the unit.
 */
export async function routeForBuilding(db: Tx, projectId: string, buildingId: string): Promise<ZoneRoute | null> {
  // One row at most: a building sits in one zone (zone_buildings is keyed by building).
  const row = await zonesRepository.zoneOfBuilding(db, projectId, buildingId);
  return row ? { zoneId: row.zone_id, zoneName: row.zone_name, teamId: row.team_id, teamName: row.team_name } : null;
}
