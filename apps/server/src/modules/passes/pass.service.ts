/**
 * Worker and vehicle passes (施工人员出入证、车辆出入证): issued at the desk with a number and an
 * unguessable QR code, revoked with a reason, checked at the gate (every check logged: who, when,
 * which gate, what it answered), and the guard's one-tap "let in".
 */
import type { CreatePassBody, GateCheck, Page, Pass, PassKind, PassListQuery, PassVerification, VerifyStatus } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { PassesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, notFound, type Localized } from '../../http/errors.js';
import { newId, newSecret } from '../../lib/ids.js';
import { maskIdNumber } from '../../lib/mask.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { localDayRange } from '../sla/sla.clock.js';
import { allocateNumber, badField, logGateCheck, projectTimezone, requireScope, todayIn, unitInScope } from '../resident-services/shared.js';
import { sharedRepository } from '../resident-services/shared.repository.js';
import { classifyCode, NUMBER_PREFIX, passVerdict } from './gate.rules.js';
import { passRepository, type PassRow } from './pass.repository.js';

const PASS: Localized = { zh: '出入证', en: 'pass' };
/** How long after a valid check the guard's "let in" tap counts. */
const ENTRY_WINDOW_MS = 15 * 60_000;

export function toPass(r: PassRow, now = nowIso()): Pass {
  return {
    id: r.id, projectId: r.project_id, kind: r.kind as PassKind, number: r.number, holderName: r.holder_name,
    idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null, phone: r.phone, company: r.company, unitId: r.unit_id,
    unitLabel: r.unit_number ? `${r.building_name ?? ''}${r.unit_number}` : null, plate: r.plate, validFrom: r.valid_from, validTo: r.valid_to,
    status: r.status as 'active' | 'revoked', currentStatus: passVerdict(r, now, r.timezone), revokeReason: r.revoke_reason,
    renovationId: r.renovation_id, qrCode: r.qr_code, createdAt: r.created_at,
  };
}

export interface NewPass {
  projectId: string;
  timezone: string;
  kind: PassKind;
  holderName: string;
  idNumber?: string | null;
  phone?: string | null;
  company?: string | null;
  unitId?: string | null;
  plate?: string | null;
  validFrom: string;
  validTo: string;
  renovationId?: string | null;
}

/** Issues one pass in the caller's transaction (the desk, or a renovation's permit). */
export async function issuePass(tx: Tx, ctx: Ctx, p: NewPass): Promise<PassesTable> {
  const now = nowIso();
  const row: PassesTable = {
    id: newId(), project_id: p.projectId, kind: p.kind,
    number: await allocateNumber(tx, p.kind === 'worker' ? NUMBER_PREFIX.workerPass : NUMBER_PREFIX.vehiclePass, p.projectId, p.timezone, now),
    holder_name: p.holderName, id_number: p.idNumber ?? null, phone: p.phone ?? null, company: p.company ?? null, unit_id: p.unitId ?? null,
    plate: p.plate ?? null, valid_from: p.validFrom, valid_to: p.validTo, status: 'active', revoke_reason: null, revoked_by: null, revoked_at: null,
    renovation_id: p.renovationId ?? null, qr_code: newSecret(), created_by: ctx.actor.user.id, created_at: now, updated_at: now,
  };
  await passRepository.insert(tx, row);
  await recordAudit(tx, ctx, {
    action: 'pass.issue', entity: 'pass', entityId: row.id, projectId: row.project_id, before: null,
    after: { number: row.number, kind: row.kind, holderName: row.holder_name, validFrom: row.valid_from, validTo: row.valid_to, plate: row.plate, renovationId: row.renovation_id },
  });
  return row;
}

export const passService = {
  async create(ctx: Ctx, body: CreatePassBody): Promise<Pass> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      if (!(await scopedProjectIds(ctx, 'resident_services.apply')).includes(body.projectId)) {
        throw badField('project_not_found', 'body.projectId', '项目不存在', 'The project does not exist');
      }
      if (body.unitId) {
        const unit = await unitInScope(tx, ctx, 'resident_services.apply', body.unitId);
        if (unit.project_id !== body.projectId) throw badField('unit_not_in_project', 'body.unitId', '房屋不属于该项目', 'The unit is not in this project');
      }
      const timezone = await projectTimezone(tx, body.projectId);
      const row = await issuePass(tx, ctx, { ...body, timezone });
      return row.id;
    });
    return this.get(ctx, id);
  },

  async get(ctx: Ctx, id: string): Promise<Pass> {
    const row = await passRepository.find(ctx.database.db, id);
    if (!row) throw notFound(PASS);
    await requireScope(ctx, 'resident_services.read', row.project_id, PASS);
    return toPass(row);
  },

  async list(ctx: Ctx, q: PassListQuery): Promise<Page<Pass>> {
    const projectIds = await projectFilter(ctx, 'resident_services.read', q.projectId);
    // "Valid today" is a local date; with projects in several zones, the first project's zone is close enough for a filter.
    const validOn = q.validToday && projectIds[0] ? todayIn(await projectTimezone(ctx.database.db, projectIds[0])) : undefined;
    const { rows, total } = await passRepository.list(ctx.database.db, { projectIds, kind: q.kind, status: q.status, renovationId: q.renovationId, q: q.q, validOn }, q);
    const now = nowIso();
    return { items: rows.map((r) => toPass(r, now)), total, page: q.page, pageSize: q.pageSize };
  },

  async revoke(ctx: Ctx, id: string, reason: string): Promise<Pass> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const row = await passRepository.find(tx, id);
      if (!row) throw notFound(PASS);
      await requireScope(ctx, 'resident_services.apply', row.project_id, PASS);
      const at = nowIso();
      if (!(await passRepository.revoke(tx, id, { revoke_reason: reason, revoked_by: ctx.actor.user.id, revoked_at: at }))) {
        throw conflict('invalid_transition', { zh: '该出入证已被注销', en: 'This pass is already revoked' });
      }
      await recordAudit(tx, ctx, { action: 'pass.revoke', entity: 'pass', entityId: id, projectId: row.project_id, before: { status: row.status }, after: { status: 'revoked', revokeReason: reason } });
    });
    return this.get(ctx, id);
  },

  /**
   * The guard scans the QR or types the number. A code that matches nothing the guard may see —
   * guessed, altered, another project's — is `unknown`, exactly like one that never existed.
   * Every check is logged, unknown ones too (a forged card at the gate is worth a record).
   */
  async verify(ctx: Ctx, code: string, gate: string | undefined): Promise<PassVerification> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const projectIds = await scopedProjectIds(ctx, 'gate.verify');
      const presented = classifyCode(code);
      const row = presented.kind === 'qr' ? await passRepository.findByCode(tx, presented.code, projectIds)
        : presented.kind === 'number' ? await passRepository.findByNumber(tx, presented.number, projectIds) : undefined;
      if (!row) {
        const checkId = await logGateCheck(tx, ctx, { projectId: null, subject: 'pass', subjectId: null, number: presented.kind === 'number' ? presented.number : null, result: 'unknown', action: 'check', gate });
        return { status: 'unknown' as VerifyStatus, checkId };
      }
      const status = passVerdict(row, nowIso(), row.timezone);
      const checkId = await logGateCheck(tx, ctx, { projectId: row.project_id, subject: 'pass', subjectId: row.id, number: row.number, result: status, action: 'check', gate });
      const p = toPass(row);
      return {
        status, checkId, id: p.id, kind: p.kind, number: p.number, holderName: p.holderName, idNumberMasked: p.idNumberMasked, company: p.company,
        unitLabel: p.unitLabel, plate: p.plate, validFrom: p.validFrom, validTo: p.validTo, revokeReason: status === 'revoked' ? p.revokeReason : null,
      };
    });
  },

  /** "Let in": one tap after a valid check, logged as an entry at the same gate. */
  async admit(ctx: Ctx, checkId: string): Promise<GateCheck> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      const check = await sharedRepository.findGateCheck(tx, checkId);
      if (!check || !check.project_id || !(await scopedProjectIds(ctx, 'gate.verify')).includes(check.project_id)) throw notFound({ zh: '核验记录', en: 'gate check' });
      if (check.action !== 'check' || check.result !== 'valid' || Date.now() - Date.parse(check.checked_at) > ENTRY_WINDOW_MS) {
        throw new AppError(409, 'check_not_valid', { zh: '只能对15分钟内核验有效的证件登记进场，请重新扫码', en: 'Only a check that was valid in the last 15 minutes can be logged as an entry: scan again' });
      }
      return logGateCheck(tx, ctx, { projectId: check.project_id, subject: check.subject as 'pass' | 'item_release', subjectId: check.subject_id, number: check.number, result: 'admitted', action: 'entry', gate: check.gate });
    });
    const row = await sharedRepository.findGateCheck(ctx.database.db, id);
    return toGateCheck({ ...row!, checked_by_name: ctx.actor.user.displayName });
  },

  async gateChecks(ctx: Ctx, q: { projectId?: string; subject?: 'pass' | 'item_release'; date?: string; page: number; pageSize: number; sort?: string }): Promise<Page<GateCheck>> {
    const projectIds = await projectFilter(ctx, 'gate.verify', q.projectId);
    let range: { startIso: string; endIso: string } | undefined;
    if (q.date) range = localDayRange(projectIds[0] ? await projectTimezone(ctx.database.db, projectIds[0]) : 'Asia/Shanghai', q.date);
    const { rows, total } = await sharedRepository.listGateChecks(ctx.database.db, { projectIds, subject: q.subject, fromIso: range?.startIso, toIso: range?.endIso }, q);
    return { items: rows.map(toGateCheck), total, page: q.page, pageSize: q.pageSize };
  },
};

export function toGateCheck(r: { id: string; project_id: string | null; subject: string; subject_id: string | null; number: string | null; result: string; action: string; gate: string | null; checked_by_name: string | null; checked_at: string }): GateCheck {
  return {
    id: r.id, projectId: r.project_id, subject: r.subject as GateCheck['subject'], subjectId: r.subject_id, number: r.number, result: r.result,
    action: r.action as GateCheck['action'], gate: r.gate, checkedBy: r.checked_by_name, checkedAt: r.checked_at,
  };
}
