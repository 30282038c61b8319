/**
 * Renovation (装修) from application to deposit refund: review (approve with conditions, or
 * reject with reasons), deposit and fees taken (amounts kept on the record in fen), permit
 * (装修许可证) printed and worker passes issued for the named workers for the approved dates,
 * inspections with violations and deadlines, acceptance (验收) passed or failed → rework →
 * re-inspection, extensions with approval, and the deposit refunded minus deductions.
 * One open application per unit (a unique index decides between two desks at once).
 * The unit is 装修中 while the works run; the deposit is a billing deposit (receipt, daily close)
 * taken and refunded through the payments service inside the renovation's own transaction.
 */
import type { CreateRenovationBody, Page, Renovation, RenovationListQuery, RenovationStatus, UnitState } from '@propdesk/contracts';
import { z } from 'zod';
import type { AcceptanceBody, DecideExtensionBody, ExtendBody, InspectBody, PayRenovationBody, RefundBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { RenovationsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, forbidden, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { maskIdNumber } from '../../lib/mask.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { NUMBER_PREFIX } from '../passes/gate.rules.js';
import { passRepository } from '../passes/pass.repository.js';
import { issuePass } from '../passes/pass.service.js';
import { paymentsRepository } from '../payments/payments.repository.js';
import { cashierClock, depositView, refundDepositIn, takeDepositIn } from '../payments/payments.service.js';
import { sharedRepository } from '../resident-services/shared.repository.js';
import { allocateNumber, badField, conflictChanged, requireScope, todayIn, unitInScope } from '../resident-services/shared.js';
import { renovationRepository, type RenovationRow } from './renovation.repository.js';
import {
  depositDeduction, isOpenRenovation, refundOf, RENOVATION_PERMISSION, requireRenovationNext, unitStateAtEnd, unitStateAtStart, worksChange, type RenovationAction,
} from './renovation.state.js';

/** Billing deposits taken for a renovation name it as their source. */
const DEPOSIT_SOURCE = 'renovation';

const RENOVATION: Localized = { zh: '装修申请', en: 'renovation' };
type Body<T extends z.ZodTypeAny> = z.infer<T>;
interface Worker { name: string; idNumber: string; phone?: string; trade?: string }

const openError = (number?: string, id?: string) =>
  new AppError(409, 'renovation_open', {
    zh: `该房屋已有未结案的装修申请${number ? ` ${number}` : ''}，同一时间只能有一份`,
    en: `The unit already has an open renovation application${number ? ` (${number})` : ''}: one at a time`,
  }, id ? { renovationId: id } : undefined);

async function view(db: Tx, r: RenovationRow): Promise<Renovation> {
  const [inspections, extensions, passIds, fileIds, deposit] = await Promise.all([
    renovationRepository.inspections(db, r.id), renovationRepository.extensions(db, r.id), passRepository.idsOfRenovation(db, r.id), renovationRepository.fileIds(db, r.id),
    paymentsRepository.depositOfSource(db, DEPOSIT_SOURCE, r.id),
  ]);
  return {
    id: r.id, projectId: r.project_id, number: r.number, unitId: r.unit_id, unitNumber: r.unit_number, buildingName: r.building_name, unitState: r.unit_state as UnitState,
    status: r.status as RenovationStatus,
    ownerName: r.owner_name, ownerPhone: r.owner_phone, contractorCompany: r.contractor_company, contractorLicense: r.contractor_license,
    personInCharge: r.person_in_charge, personInChargePhone: r.person_in_charge_phone,
    workers: (JSON.parse(r.workers) as Worker[]).map((w) => ({ name: w.name, idNumberMasked: maskIdNumber(w.idNumber), phone: w.phone ?? null, trade: w.trade ?? null })),
    scope: r.scope, plannedStart: r.planned_start, plannedEnd: r.planned_end, approvedEnd: r.approved_end, fileIds,
    conditions: r.conditions, rejectReason: r.reject_reason, depositFen: r.deposit_fen === null ? null : Number(r.deposit_fen), fees: JSON.parse(r.fees),
    paidAt: r.paid_at, paymentNote: r.payment_note, deposit: deposit ? (await depositView(db, [deposit]))[0]! : null, permitNumber: r.permit_number, permitIssuedAt: r.permit_issued_at,
    deductions: JSON.parse(r.deductions), refundFen: r.refund_fen === null ? null : Number(r.refund_fen), refundedAt: r.refunded_at,
    inspections: inspections.map((i) => ({ id: i.id, kind: i.kind as 'routine' | 'acceptance', result: i.result as 'ok' | 'violations' | 'passed' | 'failed', findings: i.findings, violations: JSON.parse(i.violations), inspector: i.inspector_name, at: i.at })),
    extensions: extensions.map((e) => ({ id: e.id, newEndDate: e.new_end_date, reason: e.reason, status: e.status as 'pending' | 'approved' | 'rejected', requestedAt: e.requested_at, decidedBy: e.decided_by_name, decidedAt: e.decided_at, decisionNote: e.decision_note })),
    passIds, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  };
}

/** Loads the application in scope for the action's permission and checks the transition; returns the next status. */
async function forAction(tx: Tx, ctx: Ctx, id: string, action: RenovationAction, opts: { passed?: boolean } = {}) {
  const r = await renovationRepository.find(tx, id);
  if (!r) throw notFound(RENOVATION);
  await requireScope(ctx, 'resident_services.read', r.project_id, RENOVATION);
  if (!(await scopedProjectIds(ctx, RENOVATION_PERMISSION[action])).includes(r.project_id)) throw forbidden();
  const to = requireRenovationNext(r.status as RenovationStatus, action, opts);
  return { r, to };
}

async function save(tx: Tx, ctx: Ctx, r: RenovationRow, action: RenovationAction, patch: Partial<RenovationsTable>, audit: Record<string, unknown> = {}) {
  const status = (patch.status ?? r.status) as RenovationStatus;
  const now = nowIso();
  const full: Partial<RenovationsTable> = { ...patch, open_unit_id: isOpenRenovation(status) ? r.unit_id : null, updated_at: now };
  // The unit follows the works, in this same transaction: 装修中 from the permit, its own state again after.
  const unitFrom = r.unit_state as UnitState;
  let unitTo: UnitState | null = null;
  const works = worksChange(r.status as RenovationStatus, status);
  if (works === 'start') {
    const start = unitStateAtStart(unitFrom);
    unitTo = start.state;
    full.unit_state_before = start.before;
  } else if (works === 'end') {
    unitTo = unitStateAtEnd(unitFrom, r.unit_state_before as UnitState | null);
  }
  if (!(await renovationRepository.update(tx, r.id, r.version, full))) throw conflictChanged(RENOVATION);
  if (unitTo && unitTo !== unitFrom) await sharedRepository.setUnitState(tx, r.unit_id, unitTo, now);
  // The unit's change is in the record of the status change (before → after).
  const unitBefore = works ? { unitState: unitFrom } : {};
  const unitAfter = works ? { unitState: unitTo ?? unitFrom } : {};
  await recordAudit(tx, ctx, { action: `renovation.${action}`, entity: 'renovation', entityId: r.id, projectId: r.project_id, before: { status: r.status, ...unitBefore }, after: { status, ...audit, ...unitAfter } });
}

export const renovationService = {
  async create(ctx: Ctx, body: CreateRenovationBody): Promise<Renovation> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      const unit = await unitInScope(tx, ctx, 'resident_services.apply', body.unitId);
      const open = await renovationRepository.openOfUnit(tx, unit.id);
      if (open) throw openError(open.number, open.id);
      const now = nowIso();
      const row: RenovationsTable = {
        id: newId(), project_id: unit.project_id, unit_id: unit.id, number: await allocateNumber(tx, NUMBER_PREFIX.renovation, unit.project_id, unit.timezone, now),
        status: 'submitted', open_unit_id: unit.id, owner_name: body.ownerName, owner_phone: body.ownerPhone, contractor_company: body.contractorCompany,
        contractor_license: body.contractorLicense ?? null, person_in_charge: body.personInCharge, person_in_charge_phone: body.personInChargePhone,
        workers: JSON.stringify(body.workers), scope: body.scope, planned_start: body.plannedStart, planned_end: body.plannedEnd, approved_end: body.plannedEnd,
        conditions: null, reject_reason: null, cancel_reason: null, deposit_fen: null, fees: '[]', paid_at: null, payment_note: null,
        permit_number: null, permit_issued_at: null, deductions: '[]', refund_fen: null, refunded_at: null, unit_state_before: null, created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
      };
      try {
        await renovationRepository.insert(tx, row);
      } catch (e) {
        // Two desks at once: the unique index lets one in.
        if (isUniqueViolation(e)) throw openError();
        throw e;
      }
      await recordAudit(tx, ctx, { action: 'renovation.create', entity: 'renovation', entityId: row.id, projectId: row.project_id, before: null, after: { number: row.number, unitId: unit.id, contractor: body.contractorCompany, workers: body.workers.length, plannedStart: body.plannedStart, plannedEnd: body.plannedEnd } });
      return row.id;
    });
    return this.get(ctx, id);
  },

  async get(ctx: Ctx, id: string): Promise<Renovation> {
    const r = await renovationRepository.find(ctx.database.db, id);
    if (!r) throw notFound(RENOVATION);
    await requireScope(ctx, 'resident_services.read', r.project_id, RENOVATION);
    return view(ctx.database.db, r);
  },

  async list(ctx: Ctx, q: RenovationListQuery): Promise<Page<Renovation>> {
    const projectIds = await projectFilter(ctx, 'resident_services.read', q.projectId);
    const { rows, total } = await renovationRepository.list(ctx.database.db, { projectIds, unitId: q.unitId, status: q.status, openOnly: q.open, q: q.q }, q);
    return { items: await Promise.all(rows.map((r) => view(ctx.database.db, r))), total, page: q.page, pageSize: q.pageSize };
  },

  async act(ctx: Ctx, id: string, action: RenovationAction, run: (tx: Tx, r: RenovationRow, to: RenovationStatus) => Promise<void>, opts: { passed?: boolean } = {}): Promise<Renovation> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const { r, to } = await forAction(tx, ctx, id, action, opts);
      await run(tx, r, to);
    });
    return this.get(ctx, id);
  },

  approve(ctx: Ctx, id: string, body: { conditions?: string }) {
    return this.act(ctx, id, 'approve', (tx, r, to) => save(tx, ctx, r, 'approve', { status: to, conditions: body.conditions || null }, { conditions: body.conditions ?? null }));
  },

  reject(ctx: Ctx, id: string, reason: string) {
    return this.act(ctx, id, 'reject', (tx, r, to) => save(tx, ctx, r, 'reject', { status: to, reject_reason: reason }, { reason }));
  },

  cancel(ctx: Ctx, id: string, reason: string) {
    return this.act(ctx, id, 'cancel', (tx, r, to) => save(tx, ctx, r, 'cancel', { status: to, cancel_reason: reason }, { reason }));
  },

  /**
   * 押金与垃圾清运费: the deposit is taken as a billing deposit (receipt from the project's gap-free
   * counter, in the collector's day and daily close) in this transaction; the fees stay recorded on
   * the application.
   */
  pay(ctx: Ctx, id: string, body: Body<typeof PayRenovationBody>) {
    return this.act(ctx, id, 'pay', async (tx, r, to) => {
      const deposit = body.depositFen > 0
        ? await takeDepositIn(tx, ctx, {
          projectId: r.project_id, unitId: r.unit_id, kind: 'renovation', description: `${r.building_name}${r.unit_number} 装修押金（${r.number}）`,
          payerName: r.owner_name, method: body.method, amountFen: body.depositFen,
        }, cashierClock.today(r.timezone), { kind: DEPOSIT_SOURCE, id: r.id })
        : null;
      await save(tx, ctx, r, 'pay', { status: to, deposit_fen: body.depositFen, fees: JSON.stringify(body.fees), paid_at: nowIso(), payment_note: body.note || null },
        { depositFen: body.depositFen, method: body.method, depositId: deposit?.id ?? null, fees: body.fees });
    });
  },

  /** 装修许可证: a permit number, and a worker pass per named worker valid from the start to the approved end. */
  issuePermit(ctx: Ctx, id: string) {
    return this.act(ctx, id, 'issue_permit', async (tx, r, to) => {
      const now = nowIso();
      const permit = await allocateNumber(tx, NUMBER_PREFIX.permit, r.project_id, r.timezone, now);
      for (const w of JSON.parse(r.workers) as Worker[]) {
        await issuePass(tx, ctx, {
          projectId: r.project_id, timezone: r.timezone, kind: 'worker', holderName: w.name, idNumber: w.idNumber, phone: w.phone ?? null, company: r.contractor_company,
          unitId: r.unit_id, validFrom: r.planned_start, validTo: r.approved_end, renovationId: r.id,
        });
      }
      await save(tx, ctx, r, 'issue_permit', { status: to, permit_number: permit, permit_issued_at: now }, { permitNumber: permit });
    });
  },

  /** 日常巡查: findings, and violations with photos and a rectification deadline. */
  inspect(ctx: Ctx, id: string, body: Body<typeof InspectBody>) {
    return this.act(ctx, id, 'inspect', async (tx, r) => {
      checkDeadlines(body.violations, todayIn(r.timezone));
      await checkPhotos(tx, r.id, body.violations);
      await renovationRepository.insertInspection(tx, { id: newId(), renovation_id: r.id, project_id: r.project_id, kind: 'routine', result: body.violations.length ? 'violations' : 'ok', findings: body.findings, violations: JSON.stringify(body.violations), inspector_id: ctx.actor.user.id, at: nowIso() });
      await save(tx, ctx, r, 'inspect', {}, { findings: body.findings, violations: body.violations.length });
    });
  },

  /** 验收: passed → accepted (the worker passes end); failed → rework, and the next acceptance is the re-inspection. */
  acceptance(ctx: Ctx, id: string, body: Body<typeof AcceptanceBody>) {
    return this.act(ctx, id, 'acceptance', async (tx, r, to) => {
      if (!body.passed && body.violations.length === 0) throw badField('validation_failed', 'body.violations', '验收不合格须列明整改项与期限', 'A failed acceptance lists what to rework and by when');
      checkDeadlines(body.violations, todayIn(r.timezone));
      await checkPhotos(tx, r.id, body.violations);
      const now = nowIso();
      await renovationRepository.insertInspection(tx, { id: newId(), renovation_id: r.id, project_id: r.project_id, kind: 'acceptance', result: body.passed ? 'passed' : 'failed', findings: body.findings, violations: JSON.stringify(body.violations), inspector_id: ctx.actor.user.id, at: now });
      if (body.passed) await passRepository.revokeRenovationPasses(tx, r.id, '装修已验收 / works accepted', ctx.actor.user.id, now);
      await save(tx, ctx, r, 'acceptance', { status: to }, { passed: body.passed, findings: body.findings });
    }, { passed: body.passed });
  },

  extend(ctx: Ctx, id: string, body: Body<typeof ExtendBody>) {
    return this.act(ctx, id, 'extend', async (tx, r) => {
      if (body.newEndDate <= r.approved_end) throw badField('validation_failed', 'body.newEndDate', `延期后的完工日期须晚于 ${r.approved_end}`, `The new end date must be after ${r.approved_end}`);
      const pending = (await renovationRepository.extensions(tx, r.id)).find((e) => e.status === 'pending');
      if (pending) throw new AppError(409, 'extension_pending', { zh: '已有待审批的延期申请', en: 'An extension is already waiting for a decision' });
      await renovationRepository.insertExtension(tx, { id: newId(), renovation_id: r.id, project_id: r.project_id, new_end_date: body.newEndDate, reason: body.reason, status: 'pending', requested_by: ctx.actor.user.id, requested_at: nowIso(), decided_by: null, decided_at: null, decision_note: null });
      await save(tx, ctx, r, 'extend', {}, { newEndDate: body.newEndDate, reason: body.reason });
    });
  },

  /** An approved extension moves the approved end, and the worker passes with it. */
  decideExtension(ctx: Ctx, id: string, body: Body<typeof DecideExtensionBody>) {
    return this.act(ctx, id, 'decide_extension', async (tx, r) => {
      const e = await renovationRepository.findExtension(tx, body.extensionId);
      if (!e || e.renovation_id !== r.id) throw badField('extension_not_found', 'body.extensionId', '延期申请不存在', 'The extension request does not exist');
      const now = nowIso();
      if (!(await renovationRepository.decideExtension(tx, e.id, { status: body.approve ? 'approved' : 'rejected', decided_by: ctx.actor.user.id, decided_at: now, decision_note: body.note || null }))) {
        throw new AppError(409, 'invalid_transition', { zh: '该延期申请已审批', en: 'This extension was already decided' });
      }
      if (body.approve) await passRepository.extendRenovationPasses(tx, r.id, e.new_end_date, now);
      await save(tx, ctx, r, 'decide_extension', body.approve ? { approved_end: e.new_end_date } : {}, { extensionId: e.id, approved: body.approve, newEndDate: e.new_end_date });
    });
  },

  /**
   * 退押金: the deposit minus deductions with reasons, paid back through billing (its refund receipt)
   * in the transaction that closes the application and frees the unit. An application paid before
   * deposits were billing's has none: its refund is recorded on it only.
   */
  refund(ctx: Ctx, id: string, body: Body<typeof RefundBody>) {
    return this.act(ctx, id, 'refund', async (tx, r, to) => {
      const held = await paymentsRepository.depositOfSource(tx, DEPOSIT_SOURCE, r.id);
      const deposit = held ? Number(held.amount_fen) : Number(r.deposit_fen ?? 0);
      const refund = refundOf(deposit, body.deductions);
      if (refund === null) throw badField('deductions_exceed_deposit', 'body.deductions', `扣款合计不能超过押金 ${(deposit / 100).toFixed(2)} 元`, `Deductions cannot exceed the deposit (¥${(deposit / 100).toFixed(2)})`);
      if (held) await refundDepositIn(tx, ctx, held, { method: body.method, ...depositDeduction(body.deductions) }, cashierClock.today(r.timezone));
      await save(tx, ctx, r, 'refund', { status: to, deductions: JSON.stringify(body.deductions), refund_fen: refund, refunded_at: nowIso() },
        { depositFen: deposit, deductions: body.deductions, refundFen: refund, method: body.method, depositId: held?.id ?? null });
    });
  },
};

/** A violation's photos are files uploaded to this renovation. */
async function checkPhotos(tx: Tx, renovationId: string, violations: readonly { photoFileIds: readonly string[] }[]) {
  if (!violations.some((v) => v.photoFileIds.length > 0)) return;
  const own = new Set(await renovationRepository.fileIds(tx, renovationId));
  violations.forEach((v, i) => {
    if (v.photoFileIds.some((f) => !own.has(f))) throw badField('file_not_found', `body.violations.${i}.photoFileIds`, '照片须先上传到本装修申请', 'The photos must be files uploaded to this renovation');
  });
}

function checkDeadlines(violations: readonly { deadline: string }[], today: string) {
  violations.forEach((v, i) => {
    if (v.deadline < today) throw badField('validation_failed', `body.violations.${i}.deadline`, '整改期限不能早于今天', 'The rectification deadline cannot be in the past');
  });
}
