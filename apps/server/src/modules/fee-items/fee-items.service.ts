import type { CreateFeeItemBody, FeeItem, FeeItemListQuery, UpdateFeeItemBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { FeeItemsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { conflict, fieldInvalid, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { orgRepository } from '../org/org.repository.js';
import { feeItemTermsProblem } from './fee-items.policy.js';
import { feeItemsRepository } from './fee-items.repository.js';

const FEE_ITEM = { zh: '收费项目', en: 'fee item' };
const PROJECT = { zh: '项目', en: 'project' };

export function toFeeItem(r: FeeItemsTable): FeeItem {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    kind: r.kind as FeeItem['kind'],
    unitKinds: JSON.parse(r.unit_kinds) as FeeItem['unitKinds'],
    cycle: r.cycle as FeeItem['cycle'],
    billingMode: r.billing_mode as FeeItem['billingMode'],
    dueDay: r.due_day,
    rounding: r.rounding as FeeItem['rounding'],
    pricing: JSON.parse(r.pricing) as FeeItem['pricing'],
    meterKind: r.meter_kind as FeeItem['meterKind'],
    lateFee: r.late_fee_daily_bp !== null ? { dailyRateBp: r.late_fee_daily_bp, graceDays: r.late_fee_grace_days ?? 0 } : null,
    prepayDiscount: r.prepay_discount_bp !== null ? { discountBp: r.prepay_discount_bp, minMonthsAhead: r.prepay_min_months ?? 12 } : null,
    active: r.active === 1,
    sort: r.sort,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const nameTaken = (name: string) =>
  conflict('fee_item_name_taken', { zh: `本项目已有名为“${name}”的收费项目`, en: `This project already has a fee item named "${name}"` });

function assertTerms(t: { pricing: FeeItem['pricing']; meterKind: FeeItem['meterKind']; cycle: string }) {
  const problem = feeItemTermsProblem(t);
  if (problem) throw fieldInvalid(problem.path, problem.text);
}

/** Inserts a fee item; used by the API and the demo seed (the caller has checked scope). */
export async function insertFeeItem(tx: Tx, input: CreateFeeItemBody): Promise<FeeItemsTable> {
  const now = nowIso();
  const row: FeeItemsTable = {
    id: newId(),
    project_id: input.projectId,
    name: input.name,
    kind: input.pricing.kind,
    unit_kinds: JSON.stringify(input.unitKinds),
    cycle: input.cycle,
    billing_mode: input.billingMode,
    due_day: input.dueDay,
    rounding: input.rounding,
    pricing: JSON.stringify(input.pricing),
    meter_kind: input.meterKind ?? null,
    late_fee_daily_bp: input.lateFee?.dailyRateBp ?? null,
    late_fee_grace_days: input.lateFee?.graceDays ?? null,
    prepay_discount_bp: input.prepayDiscount?.discountBp ?? null,
    prepay_min_months: input.prepayDiscount?.minMonthsAhead ?? null,
    active: 1,
    sort: input.sort ?? 0,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await feeItemsRepository.insert(tx, row);
  return row;
}

export const feeItemsService = {
  async list(ctx: Ctx, q: FeeItemListQuery) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await feeItemsRepository.list(ctx.database.db, { ...q, projectIds }, q);
    return { items: rows.map(toFeeItem), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<FeeItem> {
    const row = await feeItemsRepository.findById(ctx.database.db, id);
    if (!row || !(await scopedProjectIds(ctx, 'billing.read')).includes(row.project_id)) throw notFound(FEE_ITEM);
    return toFeeItem(row);
  },

  async create(ctx: Ctx, input: CreateFeeItemBody): Promise<FeeItem> {
    const allowed = await scopedProjectIds(ctx, 'billing.configure');
    if (!allowed.includes(input.projectId)) throw notFound(PROJECT);
    assertTerms({ pricing: input.pricing, meterKind: input.meterKind ?? null, cycle: input.cycle });
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const project = await orgRepository.findById(tx, input.projectId);
        if (!project || project.kind !== 'project') throw notFound(PROJECT);
        if (await feeItemsRepository.findByName(tx, input.projectId, input.name)) throw nameTaken(input.name);
        const item = toFeeItem(await insertFeeItem(tx, input));
        await recordAudit(tx, ctx, { action: 'fee_item.create', entity: 'fee_item', entityId: item.id, projectId: item.projectId, before: null, after: item });
        return item;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
  },

  /** New terms apply to later runs; lines already issued keep the amounts they were issued with. */
  async update(ctx: Ctx, id: string, input: UpdateFeeItemBody): Promise<FeeItem> {
    const allowed = await scopedProjectIds(ctx, 'billing.configure');
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const row = await feeItemsRepository.findById(tx, id);
        if (!row || !allowed.includes(row.project_id)) throw notFound(FEE_ITEM);
        const before = toFeeItem(row);
        if (input.pricing && input.pricing.kind !== row.kind) {
          throw fieldInvalid('body.pricing.kind', { zh: '不能改变收费项目的计费方式，请新建项目', en: "an item's kind cannot change; create a new item instead" });
        }
        const pricing = input.pricing ?? before.pricing;
        const meterKind = input.meterKind !== undefined ? input.meterKind : before.meterKind;
        assertTerms({ pricing, meterKind, cycle: input.cycle ?? before.cycle });
        if (input.name !== undefined && input.name !== row.name && (await feeItemsRepository.findByName(tx, row.project_id, input.name))) throw nameTaken(input.name);
        const patch: Partial<FeeItemsTable> = { updated_at: nowIso() };
        if (input.name !== undefined) patch.name = input.name;
        if (input.unitKinds !== undefined) patch.unit_kinds = JSON.stringify(input.unitKinds);
        if (input.cycle !== undefined) patch.cycle = input.cycle;
        if (input.billingMode !== undefined) patch.billing_mode = input.billingMode;
        if (input.dueDay !== undefined) patch.due_day = input.dueDay;
        if (input.rounding !== undefined) patch.rounding = input.rounding;
        if (input.pricing !== undefined) patch.pricing = JSON.stringify(input.pricing);
        if (input.meterKind !== undefined) patch.meter_kind = input.meterKind;
        if (input.lateFee !== undefined) {
          patch.late_fee_daily_bp = input.lateFee?.dailyRateBp ?? null;
          patch.late_fee_grace_days = input.lateFee?.graceDays ?? null;
        }
        if (input.prepayDiscount !== undefined) {
          patch.prepay_discount_bp = input.prepayDiscount?.discountBp ?? null;
          patch.prepay_min_months = input.prepayDiscount?.minMonthsAhead ?? null;
        }
        if (input.active !== undefined) patch.active = input.active ? 1 : 0;
        if (input.sort !== undefined) patch.sort = input.sort;
        if (!(await feeItemsRepository.update(tx, id, input.version, patch))) {
          throw conflict('stale_version', { zh: '该收费项目已被他人修改，请刷新后重试', en: 'Someone else changed this fee item; reload and try again' });
        }
        const after = toFeeItem((await feeItemsRepository.findById(tx, id))!);
        await recordAudit(tx, ctx, { action: 'fee_item.update', entity: 'fee_item', entityId: id, projectId: row.project_id, before, after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name ?? '');
      throw err;
    }
  },
};
