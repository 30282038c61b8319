/**
 * Collection targets (收缴目标, set by the company per project, year and month) and the
 * collection report (收缴率报表) against them.
 */
import type { CollectionReport, CollectionReportQuery, CollectionTargets, CollectionTargetsQuery, PutCollectionTargetsBody } from '@propdesk/contracts';
import type { Ctx } from '../../http/context.js';
import { fieldInvalid, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope } from '../auth/auth.scope.js';
import { formatYuan } from '../billing/billing.money.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import { todayIn } from '../residents/residents.policy.js';
import { collectionReport, recoveredByMonth } from './collection.policy.js';
import { collectionRepository as repo } from './collection.repository.js';

const PROJECT = { zh: '项目', en: 'project' };

function targetsOf(projectId: string, year: number, rows: { month: number; rate_bp: number }[]): CollectionTargets {
  const byMonth = new Map(rows.map((r) => [r.month, r.rate_bp]));
  return { projectId, year, months: Array.from({ length: 13 }, (_, m) => ({ month: m, rateBp: byMonth.get(m) ?? null })) };
}

async function projectInScope(ctx: Ctx, permission: 'billing.read' | 'billing.targets', projectId: string) {
  await assertProjectInScope(ctx, permission, projectId, PROJECT);
  const p = await repo.project(ctx.database.db, projectId);
  if (!p) throw notFound(PROJECT);
  return p;
}

const pct = (bp: number | null) => (bp === null ? '' : Number((bp / 100).toFixed(2)));

export const collectionService = {
  async targets(ctx: Ctx, q: CollectionTargetsQuery): Promise<CollectionTargets> {
    await projectInScope(ctx, 'billing.read', q.projectId);
    return targetsOf(q.projectId, q.year, await repo.targets(ctx.database.db, q.projectId, q.year));
  },

  /** Sets (or clears, with null) the given months' targets in one transaction, audited with before and after. */
  async putTargets(ctx: Ctx, body: PutCollectionTargetsBody): Promise<CollectionTargets> {
    await projectInScope(ctx, 'billing.targets', body.projectId);
    const months = new Set<number>();
    body.months.forEach((m, i) => {
      if (months.has(m.month)) throw fieldInvalid(`body.months.${i}.month`, { zh: `月份 ${m.month} 重复`, en: `Month ${m.month} is given twice` });
      months.add(m.month);
    });
    return ctx.database.db.transaction().execute(async (tx) => {
      const before = targetsOf(body.projectId, body.year, await repo.targets(tx, body.projectId, body.year));
      const at = nowIso();
      for (const m of body.months) {
        if (m.rateBp === null) await repo.clearTarget(tx, body.projectId, body.year, m.month);
        else await repo.setTarget(tx, { id: newId(), projectId: body.projectId, year: body.year, month: m.month, rateBp: m.rateBp, setBy: ctx.actor.user.id, at });
      }
      const after = targetsOf(body.projectId, body.year, await repo.targets(tx, body.projectId, body.year));
      const flat = (t: CollectionTargets) => Object.fromEntries(t.months.map((m) => [`m${m.month}`, m.rateBp]));
      await recordAudit(tx, ctx, {
        action: 'collection_targets.set',
        entity: 'collection_targets',
        entityId: `${body.projectId}:${body.year}`,
        projectId: body.projectId,
        before: flat(before),
        after: flat(after),
      });
      return after;
    });
  },

  async report(ctx: Ctx, q: CollectionReportQuery): Promise<CollectionReport> {
    const project = await projectInScope(ctx, 'billing.read', q.projectId);
    const db = ctx.database.db;
    const [billed, payments, targets] = await Promise.all([
      repo.billedByPeriod(db, q.projectId, `${q.year}-01`, `${q.year}-12`),
      repo.paymentsByDateAndPeriod(db, q.projectId, `${q.year}-01-01`, `${q.year}-12-31`),
      repo.targets(db, q.projectId, q.year),
    ]);
    const recovered = recoveredByMonth(
      q.year,
      payments.map((p) => ({ businessDate: p.business_date, period: p.period, amountFen: Number(p.fen) })),
    );
    const { months, totals } = collectionReport(
      q.year,
      billed.map((b) => ({ period: b.period, billedFen: Number(b.billed), collectedFen: Number(b.collected) })),
      recovered,
      new Map(targets.map((t) => [t.month, t.rate_bp])),
    );
    return { projectId: project.id, projectName: project.name, year: q.year, asOf: todayIn(project.timezone || DEFAULT_TIMEZONE), months, totals };
  },

  async reportXlsx(ctx: Ctx, q: CollectionReportQuery): Promise<Buffer> {
    const r = await collectionService.report(ctx, q);
    const en = ctx.locale === 'en';
    const met = (m: boolean | null) => (m === null ? '' : m ? (en ? 'yes' : '达标') : en ? 'no' : '未达标');
    const rows = [...r.months, r.totals].map((m) => ({
      month: m.month === 0 ? (en ? 'Year' : '全年') : `${r.year}-${String(m.month).padStart(2, '0')}`,
      billed: Number(formatYuan(m.billedFen)),
      collected: Number(formatYuan(m.collectedFen)),
      recovered: Number(formatYuan(m.recoveredFen)),
      rate: pct(m.rateBp),
      target: pct(m.targetBp),
      met: met(m.met),
    }));
    return buildWorkbook(
      en ? 'Collection' : '收缴率',
      [
        { key: 'month', zh: '月份', en: 'Month', width: 10 },
        { key: 'billed', zh: '当期应收(元)', en: 'Billed (CNY)', width: 14 },
        { key: 'collected', zh: '当期实收(元)', en: 'Collected for the period (CNY)', width: 16 },
        { key: 'recovered', zh: '欠费回收(元)', en: 'Arrears recovered (CNY)', width: 16 },
        { key: 'rate', zh: '收缴率(%)', en: 'Collection rate (%)', width: 12 },
        { key: 'target', zh: '目标(%)', en: 'Target (%)', width: 10 },
        { key: 'met', zh: '是否达标', en: 'Met', width: 10 },
      ],
      rows,
      ctx.locale,
    );
  },
};
