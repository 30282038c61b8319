/**
 * Move-in (入伙) and move-out (搬离) at the counter.
 *
 * Move-in: the checklist (documents checked, owners' convention signed, fees settled, handover
 * readings, keys), the utility accounts to open (水、电、燃气、有线电视) each on its own small
 * workflow, an optional direct-debit mandate (托收); completing links the people to the unit and
 * sets it occupied. Move-out: final readings, keys back, what the unit owes from the bill ledger —
 * completion is refused while it owes money unless a supervisor overrides with a reason; the
 * people's links end on the move-out date and the unit is vacant.
 */
import type {
  CompleteMoveOutBody, CreateMoveInBody, DirectDebitBody, KeysInfo, MeterReadings, MoveIn, MoveInStep, MoveInStepBody, MoveListQuery, MoveOut, MoveOutStep,
  MoveStatus, Page, Relation, UpdateUtilityBody, UtilityAccount, UtilityKind,
} from '@propdesk/contracts';
import { MOVE_IN_STEPS, UTILITY_KINDS } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError, forbidden, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { maskIdNumber } from '../../lib/mask.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { openLines } from '../billing/billing.ledger.repository.js';
import { NUMBER_PREFIX } from '../passes/gate.rules.js';
import { phoneRev } from '../tickets/ticket.policy.js';
import { allocateNumber, badField, conflictChanged, parseJson, requireScope, todayIn, unitInScope } from '../resident-services/shared.js';
import { sharedRepository } from '../resident-services/shared.repository.js';
import { itemReleaseRepository } from '../item-releases/item-release.repository.js';
import { residentsRepository } from '../residents/residents.repository.js';
import { moveRepository, type MoveInRow, type MoveOutRow } from './move.repository.js';
import { arrearsDecision, emptyChecklist, missingMoveInSteps, missingMoveOutSteps, requireOpen, requireUtilityMove, type Check } from './move.state.js';

const MOVE_IN: Localized = { zh: '入伙手续', en: 'move-in' };
const MOVE_OUT: Localized = { zh: '搬离手续', en: 'move-out' };

interface StoredPerson { residentId: string | null; name: string; phone: string; idNumber: string | null; relation: Relation }
interface StoredUtility { kind: UtilityKind; status: UtilityAccount['status']; accountNumber: string | null; failureReason: string | null; updatedAt: string; updatedBy: string | null }

function checklistView<S extends string>(c: Record<S, Check>, names: Map<string, string>) {
  return Object.fromEntries(Object.entries<Check>(c).map(([k, v]) => [k, { ...v, doneBy: v.doneBy ? names.get(v.doneBy) ?? null : null }])) as Record<S, Check>;
}

async function moveInView(db: Tx, r: MoveInRow): Promise<MoveIn> {
  const checklist = JSON.parse(r.checklist) as Record<MoveInStep, Check>;
  const utilities = JSON.parse(r.utilities) as StoredUtility[];
  const names = await sharedRepository.userNames(db, [...Object.values<Check>(checklist).map((c) => c.doneBy), ...utilities.map((u) => u.updatedBy), r.completed_by, r.created_by]);
  const mandate = r.direct_debit_mandate_id ? await moveRepository.findMandate(db, r.direct_debit_mandate_id) : undefined;
  const people = JSON.parse(r.people) as StoredPerson[];
  return {
    id: r.id, projectId: r.project_id, number: r.number, unitId: r.unit_id, unitNumber: r.unit_number, buildingName: r.building_name, status: r.status as MoveStatus,
    people: people.map((p) => ({ residentId: p.residentId, name: p.name, phone: p.phone, idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null, relation: p.relation })),
    checklist: checklistView(checklist, names),
    meterReadings: parseJson<MeterReadings>(r.meter_readings), keys: parseJson<KeysInfo>(r.keys),
    utilities: utilities.map((u) => ({ ...u, updatedBy: u.updatedBy ? names.get(u.updatedBy) ?? null : null })),
    directDebit: mandate ? { mandateId: mandate.id, bank: mandate.bank, accountMasked: `****${mandate.account_number.slice(-4)}`, accountHolder: mandate.account_holder } : null,
    progress: { done: MOVE_IN_STEPS.filter((s) => checklist[s].done).length + utilities.filter((u) => u.status === 'opened').length, total: MOVE_IN_STEPS.length + utilities.length },
    moveInDate: r.move_in_date, completedAt: r.completed_at, completedBy: r.completed_by ? names.get(r.completed_by) ?? null : null,
    createdAt: r.created_at, createdBy: r.created_by ? names.get(r.created_by) ?? null : null,
  };
}

async function moveOutView(db: Tx, r: MoveOutRow): Promise<MoveOut> {
  const checklist = JSON.parse(r.checklist) as Record<MoveOutStep, Check>;
  const names = await sharedRepository.userNames(db, [...Object.values<Check>(checklist).map((c) => c.doneBy), r.override_by]);
  // While open, what the unit owes is read live from the ledger; once completed, as it stood then.
  const outstanding = r.status === 'open' ? toOutstanding(await openLines(db, [r.unit_id])) : (parseJson<ReturnType<typeof toOutstanding>>(r.outstanding) ?? []);
  return {
    id: r.id, projectId: r.project_id, number: r.number, unitId: r.unit_id, unitNumber: r.unit_number, buildingName: r.building_name, status: r.status as MoveStatus,
    people: JSON.parse(r.people), checklist: checklistView(checklist, names),
    meterReadings: parseJson<MeterReadings>(r.meter_readings), keysReturned: parseJson<KeysInfo>(r.keys_returned),
    outstandingFen: outstanding.reduce((s, l) => s + l.outstandingFen, 0), outstanding,
    override: r.override_reason ? { reason: r.override_reason, by: r.override_by ? names.get(r.override_by) ?? null : null } : null,
    moveOutDate: r.move_out_date, completedAt: r.completed_at, itemReleaseIds: await itemReleaseRepository.idsOfMoveOut(db, r.id), createdAt: r.created_at,
  };
}

function toOutstanding(lines: Awaited<ReturnType<typeof openLines>>) {
  return lines.map((l) => ({ billId: l.billId, period: l.period, description: l.feeItemName ?? l.description, dueDate: l.dueDate, outstandingFen: l.outstandingFen }));
}

/** A checklist step with what it needs (readings, keys), as marked by the actor now. */
function markStep(step: string, body: MoveInStepBody, ctx: Ctx): { check: Check; readings?: MeterReadings; keys?: KeysInfo } {
  if (step === 'meters' && !body.readings) throw badField('validation_failed', 'body.readings', '请填写水、电（燃气）表底数', 'Enter the water and electricity (and gas) readings');
  if (step === 'keys' && !body.keys) throw badField('validation_failed', 'body.keys', '请填写钥匙数量与明细', 'Enter how many keys and which');
  return { check: { done: true, doneAt: nowIso(), doneBy: ctx.actor.user.id, note: body.note || null }, readings: body.readings, keys: body.keys };
}

async function loadMoveIn(tx: Tx, ctx: Ctx, id: string, permission: 'resident_services.read' | 'resident_services.apply') {
  const r = await moveRepository.findMoveIn(tx, id);
  if (!r) throw notFound(MOVE_IN);
  await requireScope(ctx, permission, r.project_id, MOVE_IN);
  return r;
}
async function loadMoveOut(tx: Tx, ctx: Ctx, id: string, permission: 'resident_services.read' | 'resident_services.apply') {
  const r = await moveRepository.findMoveOut(tx, id);
  if (!r) throw notFound(MOVE_OUT);
  await requireScope(ctx, permission, r.project_id, MOVE_OUT);
  return r;
}

async function saveMoveIn(tx: Tx, ctx: Ctx, r: MoveInRow, action: string, patch: Record<string, unknown>, audit: Record<string, unknown>) {
  if (!(await moveRepository.updateMoveIn(tx, r.id, r.version, { ...patch, updated_at: nowIso() }))) throw conflictChanged(MOVE_IN);
  await recordAudit(tx, ctx, { action: `move_in.${action}`, entity: 'move_in', entityId: r.id, projectId: r.project_id, before: null, after: audit });
}
async function saveMoveOut(tx: Tx, ctx: Ctx, r: MoveOutRow, action: string, patch: Record<string, unknown>, audit: Record<string, unknown>) {
  if (!(await moveRepository.updateMoveOut(tx, r.id, r.version, { ...patch, updated_at: nowIso() }))) throw conflictChanged(MOVE_OUT);
  await recordAudit(tx, ctx, { action: `move_out.${action}`, entity: 'move_out', entityId: r.id, projectId: r.project_id, before: null, after: audit });
}

export const moveService = {
  // ------------------------------------------------------------------ move-in
  async createMoveIn(ctx: Ctx, body: CreateMoveInBody): Promise<MoveIn> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      const unit = await unitInScope(tx, ctx, 'resident_services.apply', body.unitId);
      const open = await moveRepository.openMoveInOfUnit(tx, unit.id);
      if (open) throw new AppError(409, 'move_in_open', { zh: `该房屋已有办理中的入伙手续 ${open.number}`, en: `The unit already has a move-in in progress (${open.number})` }, { moveInId: open.id });
      const known = await moveRepository.residentsOf(tx, unit.project_id, body.people.flatMap((p) => ('residentId' in p ? [p.residentId] : [])));
      const people: StoredPerson[] = body.people.map((p, i) => {
        if ('residentId' in p) {
          const r = known.find((k) => k.id === p.residentId);
          if (!r) throw badField('resident_not_found', `body.people.${i}.residentId`, '住户不存在', 'The resident does not exist');
          return { residentId: r.id, name: r.name, phone: r.phone, idNumber: r.id_number, relation: p.relation };
        }
        return { residentId: null, name: p.name, phone: p.phone, idNumber: p.idNumber ?? null, relation: p.relation };
      });
      const kinds = [...new Set(body.utilities ?? UTILITY_KINDS)];
      const now = nowIso();
      const row = {
        id: newId(), project_id: unit.project_id, unit_id: unit.id, number: await allocateNumber(tx, NUMBER_PREFIX.moveIn, unit.project_id, unit.timezone, now), status: 'open',
        people: JSON.stringify(people), checklist: JSON.stringify(emptyChecklist(MOVE_IN_STEPS)), meter_readings: null, keys: null,
        utilities: JSON.stringify(kinds.map((kind): StoredUtility => ({ kind, status: 'requested', accountNumber: null, failureReason: null, updatedAt: now, updatedBy: ctx.actor.user.id }))),
        direct_debit_mandate_id: null, move_in_date: null, completed_at: null, completed_by: null, created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
      };
      await moveRepository.insertMoveIn(tx, row);
      await recordAudit(tx, ctx, { action: 'move_in.create', entity: 'move_in', entityId: row.id, projectId: row.project_id, before: null, after: { number: row.number, unitId: unit.id, people: people.map((p) => p.name), utilities: kinds } });
      return row.id;
    });
    return this.getMoveIn(ctx, id);
  },

  async getMoveIn(ctx: Ctx, id: string): Promise<MoveIn> {
    return moveInView(ctx.database.db, await loadMoveIn(ctx.database.db, ctx, id, 'resident_services.read'));
  },

  async listMoveIns(ctx: Ctx, q: MoveListQuery): Promise<Page<MoveIn>> {
    const projectIds = await projectFilter(ctx, 'resident_services.read', q.projectId);
    const { rows, total } = await moveRepository.listMoveIns(ctx.database.db, { projectIds, unitId: q.unitId, status: q.status, q: q.q }, q);
    return { items: await Promise.all(rows.map((r) => moveInView(ctx.database.db, r))), total, page: q.page, pageSize: q.pageSize };
  },

  async moveInStep(ctx: Ctx, id: string, step: MoveInStep, body: MoveInStepBody): Promise<MoveIn> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveIn(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_IN);
      const { check, readings, keys } = markStep(step, body, ctx);
      const checklist = { ...JSON.parse(r.checklist), [step]: check };
      await saveMoveIn(tx, ctx, r, 'step', {
        checklist: JSON.stringify(checklist), ...(readings ? { meter_readings: JSON.stringify(readings) } : {}), ...(keys ? { keys: JSON.stringify(keys) } : {}),
      }, { step, note: check.note, readings, keys });
    });
    return this.getMoveIn(ctx, id);
  },

  /** 开户: one account's next status (submitted, opened with its number, failed with the reason). */
  async updateUtility(ctx: Ctx, id: string, kind: UtilityKind, body: UpdateUtilityBody): Promise<MoveIn> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveIn(tx, ctx, id, 'resident_services.apply');
      // Accounts are often opened after the keys changed hands: allowed after completion, not after a cancellation.
      if (r.status === 'cancelled') requireOpen(r.status, MOVE_IN);
      const utilities = JSON.parse(r.utilities) as StoredUtility[];
      const u = utilities.find((x) => x.kind === kind);
      if (!u) throw new AppError(409, 'utility_not_requested', { zh: '该入伙手续未申请此项开户', en: `No ${kind} account was requested on this move-in` });
      requireUtilityMove(kind, u.status, body.status);
      const now = nowIso();
      u.status = body.status;
      u.accountNumber = body.status === 'opened' ? body.accountNumber : u.accountNumber;
      u.failureReason = body.status === 'failed' ? body.reason : null;
      u.updatedAt = now;
      u.updatedBy = ctx.actor.user.id;
      await saveMoveIn(tx, ctx, r, 'utility', { utilities: JSON.stringify(utilities) }, { kind, status: body.status, accountNumber: u.accountNumber, failureReason: u.failureReason });
    });
    return this.getMoveIn(ctx, id);
  },

  /** 托收: a bank direct-debit mandate for the unit's charges, recorded in billing's mandate table. */
  async directDebit(ctx: Ctx, id: string, body: DirectDebitBody): Promise<MoveIn> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveIn(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_IN);
      if (r.direct_debit_mandate_id) throw new AppError(409, 'mandate_exists', { zh: '已登记托收账户', en: 'A direct-debit mandate is already recorded on this move-in' });
      const now = nowIso();
      const mandate = { id: newId(), project_id: r.project_id, unit_id: r.unit_id, bank: body.bank, account_number: body.accountNumber, account_holder: body.accountHolder, active: 1, created_at: now, updated_at: now };
      await moveRepository.insertMandate(tx, mandate);
      await recordAudit(tx, ctx, { action: 'direct_debit_mandate.create', entity: 'direct_debit_mandate', entityId: mandate.id, projectId: r.project_id, before: null, after: { unitId: r.unit_id, bank: body.bank, account: `****${body.accountNumber.slice(-4)}`, holder: body.accountHolder } });
      await saveMoveIn(tx, ctx, r, 'direct_debit', { direct_debit_mandate_id: mandate.id }, { mandateId: mandate.id });
    });
    return this.getMoveIn(ctx, id);
  },

  /** 入伙完成: new people are put on record (or found by name and phone), linked to the unit from the move-in date, and the unit is occupied. */
  async completeMoveIn(ctx: Ctx, id: string, body: { moveInDate?: string }): Promise<MoveIn> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveIn(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_IN);
      const missing = missingMoveInSteps(JSON.parse(r.checklist));
      if (missing.length > 0) {
        throw new AppError(409, 'checklist_incomplete', { zh: `入伙清单尚未完成：${missing.length} 项`, en: `The move-in checklist is not finished: ${missing.join(', ')}` }, { missing });
      }
      const now = nowIso();
      const date = body.moveInDate ?? todayIn(r.timezone, now);
      const people = JSON.parse(r.people) as StoredPerson[];
      const current = await moveRepository.currentOccupants(tx, r.unit_id, date);
      for (const p of people) {
        let residentId = p.residentId;
        if (!residentId) {
          const rev = phoneRev(p.phone);
          const [same] = await residentsRepository.findByNameAndPhoneRev(tx, r.project_id, p.name, rev);
          residentId = same?.id ?? newId();
          if (!same) {
            await residentsRepository.insert(tx, { id: residentId, project_id: r.project_id, name: p.name, phone: p.phone, phone_rev: rev, id_number: p.idNumber, note: null, created_at: now, updated_at: now });
            await recordAudit(tx, ctx, { action: 'resident.create', entity: 'resident', entityId: residentId, projectId: r.project_id, before: null, after: { name: p.name, via: r.number } });
          }
          p.residentId = residentId;
        }
        if (!current.some((c) => c.resident_id === residentId)) {
          await moveRepository.insertLink(tx, { id: newId(), project_id: r.project_id, resident_id: residentId, unit_id: r.unit_id, relation: p.relation, start_date: date, end_date: null, created_at: now });
        }
      }
      await sharedRepository.setUnitState(tx, r.unit_id, 'occupied', now);
      await saveMoveIn(tx, ctx, r, 'complete', { status: 'completed', people: JSON.stringify(people), move_in_date: date, completed_at: now, completed_by: ctx.actor.user.id },
        { status: 'completed', moveInDate: date, residentIds: people.map((p) => p.residentId), unitState: 'occupied' });
    });
    return this.getMoveIn(ctx, id);
  },

  async cancelMoveIn(ctx: Ctx, id: string): Promise<MoveIn> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveIn(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_IN);
      await saveMoveIn(tx, ctx, r, 'cancel', { status: 'cancelled' }, { status: 'cancelled' });
    });
    return this.getMoveIn(ctx, id);
  },

  // ------------------------------------------------------------------ move-out
  async createMoveOut(ctx: Ctx, body: { unitId: string; note?: string }): Promise<MoveOut> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      const unit = await unitInScope(tx, ctx, 'resident_services.apply', body.unitId);
      const open = await moveRepository.openMoveOutOfUnit(tx, unit.id);
      if (open) throw new AppError(409, 'move_out_open', { zh: `该房屋已有办理中的搬离手续 ${open.number}`, en: `The unit already has a move-out in progress (${open.number})` }, { moveOutId: open.id });
      const now = nowIso();
      const people = (await moveRepository.currentOccupants(tx, unit.id, todayIn(unit.timezone, now))).map((p) => ({ residentId: p.resident_id, name: p.name, relation: p.relation }));
      const row = {
        id: newId(), project_id: unit.project_id, unit_id: unit.id, number: await allocateNumber(tx, NUMBER_PREFIX.moveOut, unit.project_id, unit.timezone, now), status: 'open',
        people: JSON.stringify(people), checklist: JSON.stringify(emptyChecklist(['meters', 'keys'] as const)), meter_readings: null, keys_returned: null,
        outstanding_fen: null, outstanding: null, override_reason: null, override_by: null, move_out_date: null, note: body.note || null,
        completed_at: null, completed_by: null, created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
      };
      await moveRepository.insertMoveOut(tx, row);
      await recordAudit(tx, ctx, { action: 'move_out.create', entity: 'move_out', entityId: row.id, projectId: row.project_id, before: null, after: { number: row.number, unitId: unit.id } });
      return row.id;
    });
    return this.getMoveOut(ctx, id);
  },

  async getMoveOut(ctx: Ctx, id: string): Promise<MoveOut> {
    return moveOutView(ctx.database.db, await loadMoveOut(ctx.database.db, ctx, id, 'resident_services.read'));
  },

  async listMoveOuts(ctx: Ctx, q: MoveListQuery): Promise<Page<MoveOut>> {
    const projectIds = await projectFilter(ctx, 'resident_services.read', q.projectId);
    const { rows, total } = await moveRepository.listMoveOuts(ctx.database.db, { projectIds, unitId: q.unitId, status: q.status, q: q.q }, q);
    return { items: await Promise.all(rows.map((r) => moveOutView(ctx.database.db, r))), total, page: q.page, pageSize: q.pageSize };
  },

  async moveOutStep(ctx: Ctx, id: string, step: MoveOutStep, body: MoveInStepBody): Promise<MoveOut> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveOut(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_OUT);
      const { check, readings, keys } = markStep(step, body, ctx);
      const checklist = { ...JSON.parse(r.checklist), [step]: check };
      await saveMoveOut(tx, ctx, r, 'step', {
        checklist: JSON.stringify(checklist), ...(readings ? { meter_readings: JSON.stringify(readings) } : {}), ...(keys ? { keys_returned: JSON.stringify(keys) } : {}),
      }, { step, note: check.note, readings, keys });
    });
    return this.getMoveOut(ctx, id);
  },

  /** 搬离完成: 409 unit_in_arrears while the unit owes money, unless a supervisor overrides with a reason. */
  async completeMoveOut(ctx: Ctx, id: string, body: CompleteMoveOutBody): Promise<MoveOut> {
    const mayOverride = (id_: string) => scopedProjectIds(ctx, 'resident_services.approve').then((ids) => ids.includes(id_));
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveOut(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_OUT);
      const missing = missingMoveOutSteps(JSON.parse(r.checklist));
      if (missing.length > 0) throw new AppError(409, 'checklist_incomplete', { zh: '请先登记最终表底数并收回钥匙', en: `The move-out checklist is not finished: ${missing.join(', ')}` }, { missing });
      const outstanding = toOutstanding(await openLines(tx, [r.unit_id]));
      const owed = outstanding.reduce((s, l) => s + l.outstandingFen, 0);
      const decision = arrearsDecision(owed, body.override, await mayOverride(r.project_id));
      if (decision === 'blocked') {
        throw new AppError(409, 'unit_in_arrears', {
          zh: `该房屋尚欠费 ${(owed / 100).toFixed(2)} 元，结清后方可办理搬离（或由主管审批放行）`,
          en: `The unit owes ¥${(owed / 100).toFixed(2)}: settle it first, or a supervisor overrides with a reason`,
        }, { outstandingFen: owed, lines: outstanding });
      }
      if (decision === 'forbidden') throw forbidden();
      const now = nowIso();
      const date = body.moveOutDate ?? todayIn(r.timezone, now);
      const current = await moveRepository.currentOccupants(tx, r.unit_id, date);
      await moveRepository.endLinks(tx, current.map((c) => c.link_id), date);
      await sharedRepository.setUnitState(tx, r.unit_id, 'vacant', now);
      await saveMoveOut(tx, ctx, r, 'complete', {
        status: 'completed', move_out_date: date, completed_at: now, completed_by: ctx.actor.user.id, outstanding_fen: owed, outstanding: JSON.stringify(outstanding),
        override_reason: decision === 'overridden' ? body.override!.reason : null, override_by: decision === 'overridden' ? ctx.actor.user.id : null,
      }, { status: 'completed', moveOutDate: date, outstandingFen: owed, override: decision === 'overridden' ? body.override!.reason : null, linksEnded: current.map((c) => c.link_id) });
    });
    return this.getMoveOut(ctx, id);
  },

  async cancelMoveOut(ctx: Ctx, id: string): Promise<MoveOut> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await loadMoveOut(tx, ctx, id, 'resident_services.apply');
      requireOpen(r.status, MOVE_OUT);
      await saveMoveOut(tx, ctx, r, 'cancel', { status: 'cancelled' }, { status: 'cancelled' });
    });
    return this.getMoveOut(ctx, id);
  },
};
