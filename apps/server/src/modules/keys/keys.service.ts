/** Key custody (钥匙管理): the register, lending with borrower, purpose and due time, returns, history. */
import type { DeskKey, KeyLoan, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CreateKeyBody, KeyListQuery, LendKeyBody, ReturnKeyBody, UpdateKeyBody } from '@propdesk/contracts';
import { isUniqueViolation } from '../../db/query.js';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { copiesBelowOut, dueProblems, loanOverdue } from './keys.policy.js';
import { unitsRepository } from '../units/units.repository.js';
import { keysRepository, type KeyRow, type LoanRow } from './keys.repository.js';

const KEY = { zh: '钥匙', en: 'key' };

export function toLoan(l: LoanRow, now: number): KeyLoan {
  return {
    id: l.id, keyId: l.key_id, borrower: l.borrower, borrowerPhone: l.borrower_phone, purpose: l.purpose, lentAt: l.lent_at, dueAt: l.due_at,
    returnedAt: l.returned_at, lentByName: l.lent_by_name, overdue: loanOverdue(l.due_at, l.returned_at, now),
  };
}

function toKey(k: KeyRow, openLoans: readonly LoanRow[], now: number): DeskKey {
  return {
    id: k.id, projectId: k.project_id, label: k.label, opens: k.opens, unitId: k.unit_id, unitNumber: k.unit_number, buildingName: k.building_name, location: k.location,
    copies: k.copies, out: k.out_count, loans: openLoans.filter((l) => l.key_id === k.id).map((l) => toLoan(l, now)), createdAt: k.created_at,
  };
}

const labelTaken = (label: string) => conflict('key_label_taken', { zh: `本项目已有标签为“${label}”的钥匙`, en: `The project already has a key labelled "${label}"` }, [{ path: 'body.label', message: 'already used in this project' }]);

const tooFewCopies = (out: number) =>
  conflict('copies_below_out', { zh: `已借出 ${out} 把，把数不能少于 ${out}，请先归还`, en: `${out} copies are out: the key cannot have fewer copies until they come back` }, [{ path: 'body.copies', message: `at least ${out}` }]);

/** A key's unit must be one of its project's units. */
async function assertUnitInProject(tx: Tx, unitId: string, projectId: string): Promise<void> {
  const unit = await unitsRepository.findById(tx, unitId);
  if (!unit || unit.project_id !== projectId) {
    throw new AppError(400, 'unit_not_in_project', { zh: '所选房屋不属于该项目', en: 'The unit is not one of this project\'s units' }, [{ path: 'body.unitId', message: 'not in this project' }]);
  }
}

async function keyInScope(ctx: Ctx, id: string, permission: 'keys.lend' | 'keys.manage' | null) {
  const row = await keysRepository.findById(ctx.database.db, id);
  if (!row || !(await scopedProjectIds(ctx, 'keys.read')).includes(row.project_id)) throw notFound(KEY);
  if (permission && !(await scopedProjectIds(ctx, permission)).includes(row.project_id)) throw forbidden();
  return row;
}

export const keysService = {
  async list(ctx: Ctx, q: z.infer<typeof KeyListQuery>): Promise<Page<DeskKey>> {
    const { db } = ctx.database;
    let projectIds = await scopedProjectIds(ctx, 'keys.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await keysRepository.list(db, { projectIds, q: q.q, out: q.out, overdueBefore: q.overdue ? nowIso() : undefined }, q);
    const loans = await keysRepository.loansOf(db, rows.map((r) => r.id), true);
    const now = Date.now();
    return { items: rows.map((r) => toKey(r, loans, now)), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<DeskKey> {
    const row = await keyInScope(ctx, id, null);
    return toKey(row, await keysRepository.loansOf(ctx.database.db, [id], true), Date.now());
  },

  async history(ctx: Ctx, id: string) {
    await keyInScope(ctx, id, null);
    const now = Date.now();
    return { items: (await keysRepository.loansOf(ctx.database.db, [id])).map((l) => toLoan(l, now)) };
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateKeyBody>): Promise<DeskKey> {
    if (!(await scopedProjectIds(ctx, 'keys.read')).includes(input.projectId)) throw notFound({ zh: '项目', en: 'project' });
    if (!(await scopedProjectIds(ctx, 'keys.manage')).includes(input.projectId)) throw forbidden();
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (input.unitId) await assertUnitInProject(tx, input.unitId, input.projectId);
        if (await keysRepository.findByLabel(tx, input.projectId, input.label)) throw labelTaken(input.label);
        const now = nowIso();
        const id = newId();
        await keysRepository.insert(tx, {
          id, project_id: input.projectId, label: input.label, opens: input.opens, unit_id: input.unitId ?? null, location: input.location, copies: input.copies,
          out_count: 0, created_at: now, updated_at: now,
        });
        const key = toKey((await keysRepository.findById(tx, id))!, [], Date.now());
        await recordAudit(tx, ctx, { action: 'key.create', entity: 'key', entityId: id, projectId: input.projectId, before: null, after: key });
        return key;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw labelTaken(input.label);
      throw err;
    }
  },

  /** Corrects a key's record (label, what it opens, its unit, where it is kept, copies), audited before/after. */
  async update(ctx: Ctx, id: string, input: z.infer<typeof UpdateKeyBody>): Promise<DeskKey> {
    const key = await keyInScope(ctx, id, 'keys.manage');
    const label = input.label ?? key.label;
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (input.unitId) await assertUnitInProject(tx, input.unitId, key.project_id);
        if (input.label !== undefined && input.label !== key.label && (await keysRepository.findByLabel(tx, key.project_id, input.label))) throw labelTaken(input.label);
        if (input.copies !== undefined && copiesBelowOut(input.copies, key.out_count)) throw tooFewCopies(key.out_count);
        const patch = {
          ...(input.label !== undefined ? { label: input.label } : {}),
          ...(input.opens !== undefined ? { opens: input.opens } : {}),
          ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
          ...(input.location !== undefined ? { location: input.location } : {}),
          ...(input.copies !== undefined ? { copies: input.copies } : {}),
        };
        const loans = await keysRepository.loansOf(tx, [id], true);
        const before = toKey(key, loans, Date.now());
        if (Object.keys(patch).length === 0) return before;
        if (!(await keysRepository.update(tx, id, { ...patch, updated_at: nowIso() }))) {
          // A copy was lent meanwhile: read how many are out now.
          throw tooFewCopies((await keysRepository.findById(tx, id))!.out_count);
        }
        const after = toKey((await keysRepository.findById(tx, id))!, loans, Date.now());
        await recordAudit(tx, ctx, { action: 'key.update', entity: 'key', entityId: id, projectId: key.project_id, before, after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw labelTaken(label);
      throw err;
    }
  },

  /** Lends one copy; when every copy is out already, 409 — however many people try at once. */
  async lend(ctx: Ctx, id: string, input: z.infer<typeof LendKeyBody>): Promise<DeskKey> {
    const key = await keyInScope(ctx, id, 'keys.lend');
    const now = nowIso();
    const problems = dueProblems(Date.parse(now), Date.parse(input.dueAt));
    if (problems.length > 0) throw new AppError(400, 'validation_failed', { zh: `输入有误：${problems[0]!.messageZh}`, en: `Invalid input: ${problems[0]!.message}` }, problems);
    return ctx.database.db.transaction().execute(async (tx) => {
      if (!(await keysRepository.takeCopy(tx, id))) {
        throw conflict('key_out', { zh: `钥匙“${key.label}”已全部借出，请先归还`, en: `Every copy of the key "${key.label}" is out: take one back first` });
      }
      const loanId = newId();
      await keysRepository.insertLoan(tx, {
        id: loanId, project_id: key.project_id, key_id: id, borrower: input.borrower, borrower_phone: input.borrowerPhone ?? null, purpose: input.purpose,
        lent_at: now, due_at: new Date(input.dueAt).toISOString(), returned_at: null, lent_by: ctx.actor.user.id, returned_by: null,
      });
      await recordAudit(tx, ctx, { action: 'key.lend', entity: 'key', entityId: id, projectId: key.project_id, before: null, after: { loanId, borrower: input.borrower, purpose: input.purpose, dueAt: input.dueAt } });
      return toKey((await keysRepository.findById(tx, id))!, await keysRepository.loansOf(tx, [id], true), Date.now());
    });
  },

  async giveBack(ctx: Ctx, id: string, input: z.infer<typeof ReturnKeyBody>): Promise<DeskKey> {
    const key = await keyInScope(ctx, id, 'keys.lend');
    return ctx.database.db.transaction().execute(async (tx) => {
      const open = await keysRepository.loansOf(tx, [id], true);
      const loan = input.loanId ? open.find((l) => l.id === input.loanId) : open.length === 1 ? open[0] : undefined;
      if (!loan) {
        if (input.loanId) throw conflict('loan_not_out', { zh: '该次借出已归还或不属于这把钥匙', en: 'That loan is already returned or is not of this key' });
        if (open.length === 0) throw conflict('key_not_out', { zh: `钥匙“${key.label}”没有借出`, en: `The key "${key.label}" is not out` });
        throw new AppError(400, 'loan_required', { zh: '有多把借出，请指明归还哪一次借出', en: 'Several copies are out: say which loan comes back' }, [{ path: 'body.loanId', message: 'required when several copies are out' }]);
      }
      const at = nowIso();
      if (!(await keysRepository.closeLoan(tx, loan.id, at, ctx.actor.user.id))) throw conflict('key_not_out', { zh: '该次借出已归还', en: 'That loan is already returned' });
      await keysRepository.putCopyBack(tx, id);
      await recordAudit(tx, ctx, { action: 'key.return', entity: 'key', entityId: id, projectId: key.project_id, before: { loanId: loan.id, returnedAt: null }, after: { loanId: loan.id, returnedAt: at } });
      return toKey((await keysRepository.findById(tx, id))!, await keysRepository.loansOf(tx, [id], true), Date.now());
    });
  },
};
