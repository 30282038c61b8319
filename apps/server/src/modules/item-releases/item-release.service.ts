/**
 * Item-release slips (大件物品放行条): a resident applies (a tenant with the owner's confirmation,
 * recorded with how it was obtained), staff approve, the slip is printed with a number and an
 * unguessable QR code, and at the gate the guard checks it and marks it released — once. A second
 * use is refused and the refusal is logged.
 */
import type { CreateItemReleaseBody, ItemRelease, ItemReleaseListQuery, ItemReleaseStatus, ItemReleaseVerification, OwnerConfirmationBody, Page, Relation, VerifyStatus } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { ItemReleasesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, notFound, type Localized } from '../../http/errors.js';
import { newId, newSecret } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { classifyCode, NUMBER_PREFIX, releaseVerdict } from '../passes/gate.rules.js';
import { allocateNumber, badField, conflictChanged, logGateCheck, parseJson, requireScope, todayIn, unitInScope } from '../resident-services/shared.js';
import { sharedRepository } from '../resident-services/shared.repository.js';
import { moveRepository } from '../moves/move.repository.js';
import { itemReleaseRepository, type ItemReleaseRow } from './item-release.repository.js';
import { initialReleaseStatus, requireReleaseNext, type ItemReleaseAction } from './item-release.state.js';

const RELEASE: Localized = { zh: '放行条', en: 'item release' };

interface OwnerConfirmation { ownerName: string; method: OwnerConfirmationBody['method']; note: string | null; recordedAt: string; recordedBy: string | null }

function toItemRelease(r: ItemReleaseRow, names: Map<string, string>, showCode: boolean): ItemRelease {
  const oc = parseJson<OwnerConfirmation>(r.owner_confirmation);
  return {
    id: r.id, projectId: r.project_id, number: r.number, unitId: r.unit_id, unitNumber: r.unit_number, buildingName: r.building_name,
    status: r.status as ItemReleaseStatus, applicantName: r.applicant_name, applicantPhone: r.applicant_phone, applicantRelation: r.applicant_relation as Relation,
    ownerConfirmation: oc ? { ...oc, recordedBy: oc.recordedBy ? names.get(oc.recordedBy) ?? null : null } : null,
    items: JSON.parse(r.items), plannedDate: r.planned_date, plate: r.plate, moveOutId: r.move_out_id,
    decidedBy: r.decided_by ? names.get(r.decided_by) ?? null : null, decidedAt: r.decided_at, rejectReason: r.reject_reason,
    releasedAt: r.released_at, releasedBy: r.released_by ? names.get(r.released_by) ?? null : null, releasedGate: r.released_gate,
    qrCode: showCode ? r.qr_code : null, createdAt: r.created_at,
  };
}

async function view(ctx: Ctx, db: Tx, r: ItemReleaseRow): Promise<ItemRelease> {
  const oc = parseJson<OwnerConfirmation>(r.owner_confirmation);
  const names = await sharedRepository.userNames(db, [r.decided_by, r.released_by, oc?.recordedBy ?? null]);
  // The QR secret is for whoever prints the slip (the desk), not for every reader.
  const showCode = (await scopedProjectIds(ctx, 'resident_services.apply')).includes(r.project_id);
  return toItemRelease(r, names, showCode);
}

async function load(tx: Tx, ctx: Ctx, id: string, permission: Parameters<typeof requireScope>[1]): Promise<ItemReleaseRow> {
  const row = await itemReleaseRepository.find(tx, id);
  if (!row) throw notFound(RELEASE);
  await requireScope(ctx, permission, row.project_id, RELEASE);
  return row;
}

async function change(tx: Tx, ctx: Ctx, r: ItemReleaseRow, action: ItemReleaseAction, patch: Partial<ItemReleasesTable>) {
  const to = requireReleaseNext(r.status as ItemReleaseStatus, action);
  const full = { ...patch, status: to, updated_at: nowIso() };
  if (!(await itemReleaseRepository.updateIfVersion(tx, r.id, r.version, full))) throw conflictChanged(RELEASE);
  await recordAudit(tx, ctx, { action: `item_release.${action}`, entity: 'item_release', entityId: r.id, projectId: r.project_id, before: { status: r.status }, after: full as Record<string, unknown> });
}

const confirmation = (ctx: Ctx, c: OwnerConfirmationBody): OwnerConfirmation => ({ ownerName: c.ownerName, method: c.method, note: c.note || null, recordedAt: nowIso(), recordedBy: ctx.actor.user.id });

export const itemReleaseService = {
  async create(ctx: Ctx, body: CreateItemReleaseBody): Promise<ItemRelease> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      const unit = await unitInScope(tx, ctx, 'resident_services.apply', body.unitId);
      if (body.plannedDate < todayIn(unit.timezone)) throw badField('validation_failed', 'body.plannedDate', '计划放行日期不能早于今天', 'The planned date cannot be in the past');
      if (body.moveOutId) {
        const mo = await moveRepository.findMoveOut(tx, body.moveOutId);
        if (!mo || mo.unit_id !== unit.id) throw badField('move_out_not_found', 'body.moveOutId', '搬离单不存在或不属于该房屋', 'The move-out does not exist or is not this unit\'s');
      }
      const now = nowIso();
      const row: ItemReleasesTable = {
        id: newId(), project_id: unit.project_id, unit_id: unit.id, number: await allocateNumber(tx, NUMBER_PREFIX.itemRelease, unit.project_id, unit.timezone, now),
        status: initialReleaseStatus(body.applicantRelation, !!body.ownerConfirmation), applicant_name: body.applicantName, applicant_phone: body.applicantPhone,
        applicant_relation: body.applicantRelation, owner_confirmation: body.ownerConfirmation ? JSON.stringify(confirmation(ctx, body.ownerConfirmation)) : null,
        items: JSON.stringify(body.items), planned_date: body.plannedDate, plate: body.plate ?? null, move_out_id: body.moveOutId ?? null,
        decided_by: null, decided_at: null, reject_reason: null, released_at: null, released_by: null, released_gate: null,
        qr_code: newSecret(), created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
      };
      await itemReleaseRepository.insert(tx, row);
      await recordAudit(tx, ctx, { action: 'item_release.create', entity: 'item_release', entityId: row.id, projectId: row.project_id, before: null, after: { number: row.number, status: row.status, applicantName: row.applicant_name, items: body.items, plannedDate: row.planned_date } });
      return row.id;
    });
    return this.get(ctx, id);
  },

  async get(ctx: Ctx, id: string, permission: Parameters<typeof requireScope>[1] = 'resident_services.read'): Promise<ItemRelease> {
    const row = await load(ctx.database.db, ctx, id, permission);
    return view(ctx, ctx.database.db, row);
  },

  async list(ctx: Ctx, q: ItemReleaseListQuery): Promise<Page<ItemRelease>> {
    const projectIds = await projectFilter(ctx, 'resident_services.read', q.projectId);
    const { rows, total } = await itemReleaseRepository.list(ctx.database.db, { projectIds, unitId: q.unitId, status: q.status, plannedDate: q.plannedDate, q: q.q }, q);
    const items = await Promise.all(rows.map((r) => view(ctx, ctx.database.db, r)));
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  async confirmOwner(ctx: Ctx, id: string, body: OwnerConfirmationBody): Promise<ItemRelease> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await load(tx, ctx, id, 'resident_services.apply');
      await change(tx, ctx, r, 'confirm_owner', { owner_confirmation: JSON.stringify(confirmation(ctx, body)) });
    });
    return this.get(ctx, id);
  },

  async approve(ctx: Ctx, id: string): Promise<ItemRelease> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await load(tx, ctx, id, 'resident_services.approve');
      if (r.planned_date < todayIn(r.timezone)) throw new AppError(409, 'planned_date_passed', { zh: '计划放行日期已过，请让住户重新申请', en: 'The planned date has passed: the resident applies again' });
      await change(tx, ctx, r, 'approve', { decided_by: ctx.actor.user.id, decided_at: nowIso() });
    });
    return this.get(ctx, id);
  },

  async reject(ctx: Ctx, id: string, reason: string): Promise<ItemRelease> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await load(tx, ctx, id, 'resident_services.approve');
      await change(tx, ctx, r, 'reject', { decided_by: ctx.actor.user.id, decided_at: nowIso(), reject_reason: reason });
    });
    return this.get(ctx, id);
  },

  async cancel(ctx: Ctx, id: string, reason: string): Promise<ItemRelease> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await load(tx, ctx, id, 'resident_services.apply');
      await change(tx, ctx, r, 'cancel', { reject_reason: reason });
    });
    return this.get(ctx, id);
  },

  /** The guard's check by QR or typed number: only what a guard needs, logged. */
  async verify(ctx: Ctx, code: string, gate: string | undefined): Promise<ItemReleaseVerification> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const projectIds = await scopedProjectIds(ctx, 'gate.verify');
      const presented = classifyCode(code);
      const r = presented.kind === 'qr' ? await itemReleaseRepository.findByCode(tx, presented.code, projectIds)
        : presented.kind === 'number' ? await itemReleaseRepository.findByNumber(tx, presented.number, projectIds) : undefined;
      if (!r) {
        const checkId = await logGateCheck(tx, ctx, { projectId: null, subject: 'item_release', subjectId: null, number: presented.kind === 'number' ? presented.number : null, result: 'unknown', action: 'check', gate });
        return { status: 'unknown' as VerifyStatus, checkId };
      }
      const status = releaseVerdict(r, nowIso(), r.timezone);
      const checkId = await logGateCheck(tx, ctx, { projectId: r.project_id, subject: 'item_release', subjectId: r.id, number: r.number, result: status, action: 'check', gate });
      return {
        status, checkId, id: r.id, number: r.number, unit: `${r.building_name}${r.unit_number}`, applicantName: r.applicant_name,
        items: JSON.parse(r.items), plannedDate: r.planned_date, plate: r.plate, releasedAt: r.released_at, releasedGate: r.released_gate,
      };
    });
  },

  /**
   * Marks the slip released at a gate — exactly once. The refusal of a second use is logged in
   * its own committed transaction, then answered 409 (already_released / not valid).
   */
  async release(ctx: Ctx, id: string, gate: string): Promise<ItemRelease> {
    const outcome = await ctx.database.db.transaction().execute(async (tx) => {
      const r = await load(tx, ctx, id, 'gate.verify');
      const verdict = releaseVerdict(r, nowIso(), r.timezone);
      const at = nowIso();
      if (verdict === 'valid' && (await itemReleaseRepository.markReleased(tx, r.id, { released_at: at, released_by: ctx.actor.user.id, released_gate: gate }))) {
        await logGateCheck(tx, ctx, { projectId: r.project_id, subject: 'item_release', subjectId: r.id, number: r.number, result: 'released', action: 'release', gate });
        await recordAudit(tx, ctx, { action: 'item_release.release', entity: 'item_release', entityId: r.id, projectId: r.project_id, before: { status: 'approved' }, after: { status: 'released', gate } });
        return { ok: true as const };
      }
      // Another gate got there first (or the slip is not valid): refuse, and keep the refusal on record.
      const fresh = (await itemReleaseRepository.find(tx, r.id))!;
      const why = verdict === 'valid' ? 'used' : verdict;
      await logGateCheck(tx, ctx, { projectId: r.project_id, subject: 'item_release', subjectId: r.id, number: r.number, result: `refused_${why}`, action: 'release', gate });
      return { ok: false as const, why, fresh };
    });
    if (!outcome.ok) {
      if (outcome.why === 'used') {
        throw new AppError(409, 'already_released', {
          zh: `该放行条已于 ${outcome.fresh.released_at ?? ''} 在${outcome.fresh.released_gate ?? ''}放行，不能再次使用`,
          en: `This slip was already used (released ${outcome.fresh.released_at ?? ''} at ${outcome.fresh.released_gate ?? ''})`,
        }, { releasedAt: outcome.fresh.released_at, releasedGate: outcome.fresh.released_gate });
      }
      throw new AppError(409, `release_${outcome.why}`, {
        zh: outcome.why === 'expired' ? '放行条已过期，不能放行' : '放行条未获批准，不能放行',
        en: outcome.why === 'expired' ? 'The slip has expired and cannot be used' : 'The slip is not approved and cannot be used',
      });
    }
    return this.get(ctx, id, 'gate.verify');
  },
};
