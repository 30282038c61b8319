/**
 * Direct debit (托收): a unit's mandate (bank, account, holder — the number only ever answered
 * masked), a per-period collection file for the bank (.xlsx, the one place the full number
 * goes), and the bank's result file: successes become payments (method direct_debit, each with
 * its receipt), failures are listed on the batch.
 */
import type { CreateMandateBody, DirectDebitBatch, DirectDebitBatchDetail, DirectDebitImportResult, Mandate } from '@propdesk/contracts';
import type { DirectDebitBatchesTable, DirectDebitItemsTable, DirectDebitMandatesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { conflict, fieldInvalid, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook, importFailed, readSheet, type XlsxColumn } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter } from '../auth/auth.scope.js';
import { openLines } from '../billing/billing.ledger.repository.js';
import { formatYuan } from '../billing/billing.money.js';
import { isFuturePeriod } from '../billing/billing.period.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import { maskAccountNumber, unitLabel } from '../payments/payments.policy.js';
import { paymentsRepository } from '../payments/payments.repository.js';
import { cashierClock, takePayment, takePrepayment } from '../payments/payments.service.js';
import { parseBankResult } from './direct-debit.policy.js';
import { directDebitRepository as repo } from './direct-debit.repository.js';

const MANDATE = { zh: '托收协议', en: 'direct-debit mandate' };
const BATCH = { zh: '托收批次', en: 'direct-debit batch' };

/** The bank file's columns; the result file carries the item number back with 结果 and 失败原因. */
export const BANK_FILE_COLUMNS: XlsxColumn[] = [
  { key: 'itemId', zh: '明细编号', en: 'Item number', width: 30 },
  { key: 'unit', zh: '房屋', en: 'Unit', width: 24 },
  { key: 'holder', zh: '户名', en: 'Account holder', width: 14 },
  { key: 'bank', zh: '开户行', en: 'Bank', width: 18 },
  { key: 'account', zh: '账号', en: 'Account number', width: 24 },
  { key: 'amount', zh: '金额(元)', en: 'Amount (yuan)', width: 12 },
  { key: 'period', zh: '账期', en: 'Period', width: 10 },
  { key: 'result', zh: '结果', en: 'Result', width: 10 },
  { key: 'reason', zh: '失败原因', en: 'Failure reason', width: 20 },
];
export const RESULT_COLUMNS = BANK_FILE_COLUMNS.filter((c) => ['itemId', 'result', 'reason'].includes(c.key));

async function mandatesView(ctx: Ctx, rows: DirectDebitMandatesTable[]): Promise<Mandate[]> {
  const units = new Map((await paymentsRepository.unitsInfo(ctx.database.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    unitId: r.unit_id,
    unitLabel: units.get(r.unit_id) ? unitLabel(units.get(r.unit_id)!) : '',
    bank: r.bank,
    accountNumberMasked: maskAccountNumber(r.account_number),
    accountHolder: r.account_holder,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

function batchView(r: DirectDebitBatchesTable): DirectDebitBatch {
  return {
    id: r.id, projectId: r.project_id, period: r.period, status: r.status as DirectDebitBatch['status'], itemCount: r.item_count, totalFen: Number(r.total_fen),
    succeededCount: r.succeeded_count, failedCount: r.failed_count, createdAt: r.created_at, importedAt: r.imported_at,
  };
}

/** What a mandate shows in the audit log: never the full number. */
const auditMandate = (m: DirectDebitMandatesTable) => ({ unitId: m.unit_id, bank: m.bank, account: maskAccountNumber(m.account_number), holder: m.account_holder, active: m.active === 1 });

async function batchInScope(ctx: Ctx, id: string, permission: 'billing.read' | 'billing.collect') {
  const batch = await repo.findBatch(ctx.database.db, id);
  if (!batch) throw notFound(BATCH);
  await assertProjectInScope(ctx, permission, batch.project_id, BATCH);
  return batch;
}

export const directDebitService = {
  async listMandates(ctx: Ctx, q: { projectId?: string; unitId?: string; active?: 'true' | 'false'; q?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listMandates(ctx.database.db, { projectIds, unitId: q.unitId, active: q.active === undefined ? undefined : q.active === 'true', q: q.q }, q);
    return { items: await mandatesView(ctx, rows), total, page: q.page, pageSize: q.pageSize };
  },

  /** One active mandate per unit: a new one for a unit replaces (deactivates) the old. */
  async createMandate(ctx: Ctx, body: CreateMandateBody): Promise<Mandate> {
    const unit = (await paymentsRepository.unitsInfo(ctx.database.db, [body.unitId]))[0];
    if (!unit) throw notFound({ zh: '房屋', en: 'unit' });
    await assertProjectInScope(ctx, 'billing.collect', unit.project_id, { zh: '房屋', en: 'unit' });
    const now = nowIso();
    const row: DirectDebitMandatesTable = {
      id: newId(), project_id: unit.project_id, unit_id: unit.id, bank: body.bank, account_number: body.accountNumber, account_holder: body.accountHolder,
      active: 1, created_at: now, updated_at: now,
    };
    await ctx.database.db.transaction().execute(async (tx) => {
      const old = await repo.activeMandateOfUnit(tx, unit.id);
      if (old) await repo.updateMandate(tx, old.id, { active: 0, updated_at: now });
      await repo.insertMandate(tx, row);
      await recordAudit(tx, ctx, { action: 'mandate.create', entity: 'direct_debit_mandate', entityId: row.id, projectId: unit.project_id, before: old ? auditMandate(old) : null, after: auditMandate(row) });
    });
    return (await mandatesView(ctx, [row]))[0]!;
  },

  async updateMandate(ctx: Ctx, id: string, body: { bank?: string; accountNumber?: string; accountHolder?: string; active?: boolean }): Promise<Mandate> {
    const before = await repo.findMandate(ctx.database.db, id);
    if (!before) throw notFound(MANDATE);
    await assertProjectInScope(ctx, 'billing.collect', before.project_id, MANDATE);
    const patch: Partial<DirectDebitMandatesTable> = { updated_at: nowIso() };
    if (body.bank !== undefined) patch.bank = body.bank;
    if (body.accountNumber !== undefined) patch.account_number = body.accountNumber;
    if (body.accountHolder !== undefined) patch.account_holder = body.accountHolder;
    if (body.active !== undefined) patch.active = body.active ? 1 : 0;
    const after = { ...before, ...patch };
    await ctx.database.db.transaction().execute(async (tx) => {
      if (body.active === true && before.active === 0) {
        const other = await repo.activeMandateOfUnit(tx, before.unit_id);
        if (other) throw conflict('mandate_active_exists', { zh: '该房屋已有有效的托收协议', en: 'The unit already has an active mandate' });
      }
      await repo.updateMandate(tx, id, patch);
      await recordAudit(tx, ctx, { action: 'mandate.update', entity: 'direct_debit_mandate', entityId: id, projectId: before.project_id, before: auditMandate(before), after: auditMandate(after) });
    });
    return (await mandatesView(ctx, [after]))[0]!;
  },

  /**
   * The collection batch of a period: for every active mandate, what its unit owes on lines of
   * that period and earlier (late fees to date are not sent to the bank; they are billed when
   * the payment arrives). One batch waiting for its result per project and period.
   */
  async createBatch(ctx: Ctx, body: { projectId: string; period: string }): Promise<DirectDebitBatchDetail> {
    await assertProjectInScope(ctx, 'billing.collect', body.projectId, { zh: '项目', en: 'project' });
    const project = await paymentsRepository.projectInfo(ctx.database.db, body.projectId);
    if (isFuturePeriod(body.period, cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE))) {
      throw fieldInvalid('body.period', { zh: '不能为未来的账期生成托收', en: 'a future period cannot be collected' });
    }
    const batch = await ctx.database.db.transaction().execute(async (tx) => {
      if (await repo.pendingBatch(tx, body.projectId, body.period)) {
        throw conflict('batch_pending', { zh: '该账期已有未回盘的托收批次，请先导入银行回盘文件', en: 'A batch of this period is still waiting for the bank result; import it first' });
      }
      const mandates = await repo.activeMandatesOfProject(tx, body.projectId);
      const lines = (await openLines(tx, mandates.map((m) => m.unit_id))).filter((l) => l.period <= body.period);
      const batchId = newId();
      const items: DirectDebitItemsTable[] = [];
      for (const m of mandates) {
        const own = lines.filter((l) => l.unitId === m.unit_id);
        const amount = own.reduce((s, l) => s + l.outstandingFen, 0);
        if (amount <= 0) continue;
        items.push({ id: newId(), batch_id: batchId, mandate_id: m.id, unit_id: m.unit_id, amount_fen: amount, bill_line_ids: JSON.stringify(own.map((l) => l.id)), status: 'pending', failure_reason: null, payment_id: null });
      }
      const row: DirectDebitBatchesTable = {
        id: batchId, project_id: body.projectId, period: body.period, status: 'generated', item_count: items.length, total_fen: items.reduce((s, i) => s + i.amount_fen, 0),
        succeeded_count: 0, failed_count: 0, created_by: ctx.actor.user.id, created_at: nowIso(), imported_at: null,
      };
      await repo.insertBatch(tx, row);
      await repo.insertItems(tx, items);
      await recordAudit(tx, ctx, { action: 'direct_debit.batch', entity: 'direct_debit_batch', entityId: batchId, projectId: body.projectId, before: null, after: { period: body.period, itemCount: row.item_count, totalFen: row.total_fen } });
      return row;
    });
    return this.getBatch(ctx, batch.id);
  },

  async listBatches(ctx: Ctx, q: { projectId?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listBatches(ctx.database.db, { projectIds }, q);
    return { items: rows.map(batchView), total, page: q.page, pageSize: q.pageSize };
  },

  async getBatch(ctx: Ctx, id: string): Promise<DirectDebitBatchDetail> {
    const batch = await batchInScope(ctx, id, 'billing.read');
    const db = ctx.database.db;
    const items = await repo.itemsOf(db, id);
    const mandates = new Map((await repo.mandatesByIds(db, [...new Set(items.map((i) => i.mandate_id))])).map((m) => [m.id, m]));
    const units = new Map((await paymentsRepository.unitsInfo(db, [...new Set(items.map((i) => i.unit_id))])).map((u) => [u.id, u]));
    const receipts = new Map((await repo.receiptNumbers(db, items.map((i) => i.payment_id).filter((x): x is string => !!x))).map((p) => [p.id, p.receipt_number]));
    return {
      ...batchView(batch),
      items: items.map((i) => {
        const m = mandates.get(i.mandate_id)!;
        const u = units.get(i.unit_id);
        return {
          id: i.id, unitId: i.unit_id, unitLabel: u ? unitLabel(u) : '', bank: m.bank, accountNumberMasked: maskAccountNumber(m.account_number), accountHolder: m.account_holder,
          amountFen: Number(i.amount_fen), status: i.status as 'pending', failureReason: i.failure_reason, paymentId: i.payment_id,
          receiptNumber: i.payment_id ? (receipts.get(i.payment_id) ?? null) : null,
        };
      }),
    };
  },

  /** The file for the bank: full account numbers (the bank needs them), amounts in yuan; the download is audited. */
  async bankFile(ctx: Ctx, id: string): Promise<{ buffer: Buffer; period: string }> {
    const batch = await batchInScope(ctx, id, 'billing.collect');
    const db = ctx.database.db;
    const items = await repo.itemsOf(db, id);
    const mandates = new Map((await repo.mandatesByIds(db, [...new Set(items.map((i) => i.mandate_id))])).map((m) => [m.id, m]));
    const units = new Map((await paymentsRepository.unitsInfo(db, [...new Set(items.map((i) => i.unit_id))])).map((u) => [u.id, u]));
    const rows = items.map((i) => {
      const m = mandates.get(i.mandate_id)!;
      const u = units.get(i.unit_id);
      return { itemId: i.id, unit: u ? unitLabel(u) : '', holder: m.account_holder, bank: m.bank, account: m.account_number, amount: formatYuan(Number(i.amount_fen)), period: batch.period, result: '', reason: '' };
    });
    const buffer = await buildWorkbook('托收', BANK_FILE_COLUMNS, rows, 'zh-CN');
    await recordAudit(db, ctx, { action: 'direct_debit.bank_file', entity: 'direct_debit_batch', entityId: id, projectId: batch.project_id, before: null, after: { items: items.length } });
    return { buffer, period: batch.period };
  },

  /**
   * The bank's result file (明细编号, 结果 成功/失败, 失败原因), all or nothing: every success
   * becomes a direct-debit payment with its receipt (to the item's lines still open, the rest to
   * prepaid); failures — and items the bank did not return — are listed.
   */
  async importResult(ctx: Ctx, id: string, file: Buffer): Promise<DirectDebitImportResult> {
    const batch = await batchInScope(ctx, id, 'billing.collect');
    if (batch.status !== 'generated') throw conflict('batch_already_imported', { zh: '该批次的回盘文件已导入', en: 'The result of this batch has already been imported' });
    const items = await repo.itemsOf(ctx.database.db, id);
    const rows = await readSheet(file, RESULT_COLUMNS);
    const { results, errors } = parseBankResult(rows, new Set(items.map((i) => i.id)));
    if (errors.length > 0) throw importFailed(errors);
    const project = await paymentsRepository.projectInfo(ctx.database.db, batch.project_id);
    const businessDate = cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE);
    const units = new Map((await paymentsRepository.unitsInfo(ctx.database.db, [...new Set(items.map((i) => i.unit_id))])).map((u) => [u.id, u]));

    return ctx.database.db.transaction().execute(async (tx) => {
      const failures: DirectDebitImportResult['failures'] = [];
      let succeeded = 0;
      let collectedFen = 0;
      for (const item of items) {
        const unit = units.get(item.unit_id)!;
        const result = results.get(item.id) ?? { ok: false, reason: '银行未返回结果' };
        if (!result.ok) {
          await repo.updateItem(tx, item.id, { status: 'failed', failure_reason: result.reason });
          failures.push({ itemId: item.id, unitLabel: unitLabel(unit), amountFen: Number(item.amount_fen), reason: result.reason });
          continue;
        }
        const amountFen = Number(item.amount_fen);
        const wanted = JSON.parse(item.bill_line_ids) as string[];
        const open = new Set((await openLines(tx, [item.unit_id])).map((l) => l.id));
        const stillOpen = wanted.filter((l) => open.has(l));
        let paymentId: string;
        if (open.size === 0) {
          // Paid meanwhile at the counter: the bank's money stays with the unit as prepaid.
          paymentId = (await takePrepayment(tx, ctx, unit, { unitId: unit.id, method: 'direct_debit', amountFen, payerName: undefined, directDebitItemId: item.id }, businessDate)).id;
        } else {
          const paid = await takePayment(tx, ctx, unit, { unitId: unit.id, method: 'direct_debit', amountFen, billLineIds: stillOpen.length > 0 ? stillOpen : undefined, directDebitItemId: item.id }, businessDate);
          paymentId = paid.id;
        }
        await repo.updateItem(tx, item.id, { status: 'succeeded', payment_id: paymentId });
        succeeded++;
        collectedFen += amountFen;
      }
      if (!(await repo.markImported(tx, id, { succeeded_count: succeeded, failed_count: failures.length, imported_at: nowIso() }))) {
        throw conflict('batch_already_imported', { zh: '该批次的回盘文件已导入', en: 'The result of this batch has already been imported' });
      }
      await recordAudit(tx, ctx, { action: 'direct_debit.result', entity: 'direct_debit_batch', entityId: id, projectId: batch.project_id, before: null, after: { succeeded, failed: failures.length, collectedFen } });
      return { succeeded, failed: failures.length, collectedFen, failures };
    });
  },
};
