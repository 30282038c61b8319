import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { cashierClock } from './payments.service.js';
import { billsOf, countRows, insertBill, insertFeeItem, insertUnit, linesOf } from './payments.testing.js';
import { insertResidentLink } from '../units/units.testing.js';

const TODAY = '2026-11-29';

describe('payments routes', () => {
  let t: TestApp;
  let cashier: Session;
  let director: Session;
  let reception: Session;
  let feeItem: string;

  beforeAll(async () => {
    t = await createTestApp();
    cashier = await t.login('cashierA');
    director = await t.login('director');
    reception = await t.login('receptionA');
    feeItem = await insertFeeItem(t.database, t.fx.projectA.id);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    vi.spyOn(cashierClock, 'today').mockReturnValue(TODAY);
  });

  /** A unit of project A with the 2026-09 … bills of 235.00 each (物业管理费, late fee 万分之五 after 10 days). */
  async function unitWithBills(number: string, periods = ['2026-10', '2026-11'], lateFee = true) {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, number);
    const bills = [];
    for (const period of periods) {
      bills.push(await insertBill(t.database, { projectId: t.fx.projectA.id, buildingId: t.fx.buildingA.id, unitId, period, lines: [{ amountFen: 23500, feeItemId: lateFee ? feeItem : null, description: `${period} 物业管理费` }] }));
    }
    return { unitId, bills, lineIds: bills.flatMap((b) => b.lineIds) };
  }

  const pay = (s: Session, payload: Record<string, unknown>) => t.as(s, { method: 'POST', url: '/api/payments', payload });

  it('lists outstanding lines oldest first with the late fee accrued to date', async () => {
    const { unitId, lineIds } = await unitWithBills('101');
    const res = await t.as(cashier, { method: 'GET', url: `/api/payments/outstanding?unitId=${unitId}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(TODAY);
    expect(body.lines.map((l: { billLineId: string }) => l.billLineId)).toEqual(lineIds);
    // 2026-10 due 10-15: 45 days overdue, 35 charged after the grace: 23500 × 5‱ × 35 = 411.25 → 411.
    expect(body.lines[0]).toMatchObject({ period: '2026-10', outstandingFen: 23500, lateFeeFen: 411, overdueDays: 45 });
    // 2026-11 due 11-15: 14 days overdue, 4 charged: 23500 × 5‱ × 4 = 47.
    expect(body.lines[1]).toMatchObject({ period: '2026-11', outstandingFen: 23500, lateFeeFen: 47 });
    expect(body.totals).toEqual({ outstandingFen: 47000, lateFeeFen: 458, dueFen: 47458 });
  });

  it('takes a cash payment oldest first, bills the late fees it reaches, gives change and a receipt', async () => {
    const { unitId, lineIds, bills } = await unitWithBills('102');
    const res = await pay(cashier, { unitId, method: 'cash', amountFen: 47458, tenderedFen: 50000, payerName: '张三' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.receiptNumber).toMatch(/^SJ-2026-\d{6}$/);
    expect(body.changeFen).toBe(2542);
    expect(body.lateFeeFen).toBe(458);
    expect(body.amountFen).toBe(47458);
    expect(body.allocations.filter((a: { billLineId: string }) => lineIds.includes(a.billLineId))).toEqual([
      { billLineId: lineIds[0], amountFen: 23500 },
      { billLineId: lineIds[1], amountFen: 23500 },
    ]);
    const lines = await linesOf(t.database, unitId);
    expect(lines.filter((l) => l.kind === 'late_fee').map((l) => [l.amountFen, l.paidFen, l.status]).sort()).toEqual([[411, 411, 'paid'], [47, 47, 'paid']]);
    expect(lines.every((l) => l.status === 'paid')).toBe(true);
    expect((await billsOf(t.database, unitId)).map((b) => b.status)).toEqual(bills.map(() => 'paid'));
    const after = await t.as(cashier, { method: 'GET', url: `/api/payments/outstanding?unitId=${unitId}` });
    expect(after.json().lines).toEqual([]);
  });

  it('pays only the chosen lines; a part payment leaves the line partly paid', async () => {
    const { unitId, lineIds } = await unitWithBills('103', ['2026-10', '2026-11'], false);
    const res = await pay(cashier, { unitId, method: 'wechat', amountFen: 10000, billLineIds: [lineIds[1]] });
    expect(res.statusCode).toBe(201);
    expect(res.json().allocations).toEqual([{ billLineId: lineIds[1], amountFen: 10000 }]);
    const lines = await linesOf(t.database, unitId);
    expect(lines.find((l) => l.id === lineIds[0])).toMatchObject({ paidFen: 0, status: 'unpaid' });
    expect(lines.find((l) => l.id === lineIds[1])).toMatchObject({ paidFen: 10000, status: 'partially_paid' });
  });

  it('puts a non-cash excess, or cash kept on purpose, on the prepaid balance', async () => {
    const { unitId } = await unitWithBills('104', ['2026-11'], false);
    const res = await pay(cashier, { unitId, method: 'cash', amountFen: 30000, keepExcessAsPrepaid: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ changeFen: 0, prepaidFen: 6500, amountFen: 30000 });
    const prepaid = await t.as(cashier, { method: 'GET', url: `/api/prepaid?unitId=${unitId}` });
    expect(prepaid.json().accounts).toMatchObject([{ feeItemId: null, balanceFen: 6500 }]);
  });

  it('finds units by number, owner name and phone tail', async () => {
    const { unitId } = await unitWithBills('1808', ['2026-11'], false);
    await insertResidentLink(t.database, { projectId: t.fx.projectA.id, unitId, name: '欧阳娜娜', phone: '13912345678', idNumber: '110101199001011237', relation: 'owner' });
    for (const q of ['1808', 'A1栋1808', '欧阳', '5678']) {
      const res = await t.as(cashier, { method: 'GET', url: `/api/cashier/units?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
      const hit = res.json().find((u: { id: string }) => u.id === unitId);
      expect(hit, q).toMatchObject({ label: 'A花园 A1栋 1808', owners: ['欧阳娜娜'], outstandingFen: 23500 });
    }
  });

  it("keeps a cashier to the cashier's projects: another project's unit is 404", async () => {
    const unitB = await insertUnit(t.database, t.fx.projectB.id, t.fx.buildingB.id, 'B-01');
    await insertBill(t.database, { projectId: t.fx.projectB.id, buildingId: t.fx.buildingB.id, unitId: unitB, period: '2026-11', lines: [{ amountFen: 5000 }] });
    const before = await countRows(t.database, 'payments');
    expect((await t.as(cashier, { method: 'GET', url: `/api/payments/outstanding?unitId=${unitB}` })).statusCode).toBe(404);
    expect((await pay(cashier, { unitId: unitB, method: 'cash', amountFen: 5000 })).statusCode).toBe(404);
    const search = await t.as(cashier, { method: 'GET', url: '/api/cashier/units?q=B-01' });
    expect(search.json()).toEqual([]);
    expect(await countRows(t.database, 'payments')).toBe(before);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const { unitId } = await unitWithBills('105', ['2026-11'], false);
    const counts = async () => [await countRows(t.database, 'payments'), await countRows(t.database, 'payment_allocations'), await countRows(t.database, 'counters'), await countRows(t.database, 'bill_lines')];
    const before = await counts();
    const bad = [
      { unitId, method: 'cash', amountFen: -100 },
      { unitId, method: 'cash', amountFen: 100.5 },
      { unitId, method: 'cash', amountFen: 0 },
      { unitId, method: 'cheque', amountFen: 100 },
      { unitId, method: 'wechat', amountFen: 100, tenderedFen: 200 },
      { unitId, method: 'cash', amountFen: 500, tenderedFen: 100 },
      { unitId, method: 'cash', amountFen: 100, extra: 1 },
      { unitId: 'nosuchunit000', method: 'cash', amountFen: 100, billLineIds: ['x'] },
    ];
    for (const payload of bad) expect((await pay(cashier, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    // An unknown unit and a chosen line that is not the unit's are refused too.
    expect((await pay(cashier, { unitId: 'nosuchunit000', method: 'cash', amountFen: 100 })).statusCode).toBe(404);
    const other = await unitWithBills('106', ['2026-11'], false);
    const wrongLine = await pay(cashier, { unitId, method: 'cash', amountFen: 100, billLineIds: [other.lineIds[0]] });
    expect(wrongLine.statusCode).toBe(400);
    expect(wrongLine.json().error).toBe('bill_line_not_outstanding');
    expect(await counts()).toEqual(before.map((n, i) => (i === 3 ? n + 1 : n)));
  });

  it('refuses a payment for a unit that owes nothing', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '107');
    const res = await pay(cashier, { unitId, method: 'wechat', amountFen: 100 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('nothing_owed');
  });

  it('only those with billing.collect take payments; only billing.reverse reverses', async () => {
    const { unitId } = await unitWithBills('108', ['2026-11'], false);
    expect((await pay(reception, { unitId, method: 'cash', amountFen: 100 })).statusCode).toBe(403);
    const paid = (await pay(cashier, { unitId, method: 'cash', amountFen: 23500 })).json();
    const byCashier = await t.as(cashier, { method: 'POST', url: `/api/payments/${paid.id}/reverse`, payload: { reason: '收错房号' } });
    expect(byCashier.statusCode).toBe(403);
    expect(await linesOf(t.database, unitId)).toMatchObject([{ paidFen: 23500, status: 'paid' }]);
  });

  it('reverses a payment: its own receipt number, lines reopened, the late fees it billed voided, prepaid taken back', async () => {
    const { unitId } = await unitWithBills('109');
    const linesBefore = await linesOf(t.database, unitId);
    const billsBefore = await billsOf(t.database, unitId);
    const paid = (await pay(cashier, { unitId, method: 'alipay', amountFen: 50000 })).json();
    expect(paid.prepaidFen).toBe(50000 - 47458);
    const res = await t.as(director, { method: 'POST', url: `/api/payments/${paid.id}/reverse`, payload: { reason: '业主重复扫码' } });
    expect(res.statusCode).toBe(201);
    const reversal = res.json();
    expect(reversal).toMatchObject({ kind: 'reversal', amountFen: -50000, reversesPaymentId: paid.id, reason: '业主重复扫码' });
    expect(reversal.receiptNumber).not.toBe(paid.receiptNumber);
    const linesAfter = await linesOf(t.database, unitId);
    expect(linesAfter.filter((l) => l.kind === 'charge')).toEqual(linesBefore);
    expect(linesAfter.filter((l) => l.kind === 'late_fee').map((l) => l.status)).toEqual(['void', 'void']);
    expect(await billsOf(t.database, unitId)).toEqual(billsBefore);
    const prepaid = (await t.as(cashier, { method: 'GET', url: `/api/prepaid?unitId=${unitId}` })).json();
    expect(prepaid.accounts[0].balanceFen).toBe(0);
    // Late fees to date are owed again, exactly as before.
    expect((await t.as(cashier, { method: 'GET', url: `/api/payments/outstanding?unitId=${unitId}` })).json().totals).toEqual({ outstandingFen: 47000, lateFeeFen: 458, dueFen: 47458 });
    const again = await t.as(director, { method: 'POST', url: `/api/payments/${paid.id}/reverse`, payload: { reason: '再次冲正' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('payment_already_reversed');
  });

  it('shows the receipt with 大写 and counts prints: the second one is a reprint (补打)', async () => {
    const { unitId } = await unitWithBills('110', ['2026-11'], false);
    const paid = (await pay(cashier, { unitId, method: 'cash', amountFen: 23500, payerName: '李四' })).json();
    const receipt = await t.as(cashier, { method: 'GET', url: `/api/payments/${paid.id}` });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ receiptNumber: paid.receiptNumber, amountCapital: '贰佰叁拾伍元整', payerName: '李四', unitLabel: 'A花园 A1栋 110', printCount: 0 });
    expect(receipt.json().lines).toMatchObject([{ period: '2026-11', description: '2026-11 物业管理费', amountFen: 23500 }]);
    expect((await t.as(cashier, { method: 'POST', url: `/api/payments/${paid.id}/print` })).json()).toEqual({ printCount: 1, reprint: false });
    expect((await t.as(cashier, { method: 'POST', url: `/api/payments/${paid.id}/print` })).json()).toEqual({ printCount: 2, reprint: true });
    const list = await t.as(cashier, { method: 'GET', url: `/api/payments?unitId=${unitId}` });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: paid.id, printCount: 2, method: 'cash', cashierName: 'cashierA' }] });
    const byReceipt = await t.as(cashier, { method: 'GET', url: `/api/payments?receiptNumber=${paid.receiptNumber}` });
    expect(byReceipt.json().items.map((p: { id: string }) => p.id)).toEqual([paid.id]);
  });

  it('numbers receipts without gaps across payments, prepayments and deposits of a project', async () => {
    const { unitId } = await unitWithBills('111', ['2026-11'], false);
    const a = (await pay(cashier, { unitId, method: 'cash', amountFen: 100 })).json();
    const failed = await pay(cashier, { unitId, method: 'cash', amountFen: 100, billLineIds: ['nosuchline000'] });
    expect(failed.statusCode).toBe(400);
    const b = (await t.as(cashier, { method: 'POST', url: '/api/prepaid', payload: { unitId, method: 'cash', amountFen: 1000 } })).json();
    const c = (await t.as(cashier, { method: 'POST', url: '/api/deposits', payload: { projectId: t.fx.projectA.id, unitId, kind: 'renovation', description: '装修押金', payerName: '王五', method: 'cash', amountFen: 200000 } })).json();
    const seq = (n: string) => Number(n.split('-')[2]);
    expect([seq(b.receiptNumber) - seq(a.receiptNumber), seq(c.receiptNumber) - seq(b.receiptNumber)]).toEqual([1, 1]);
  });

  it('takes a deposit and refunds it minus a deduction with its reason, each with a receipt', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '112');
    const taken = await t.as(cashier, { method: 'POST', url: '/api/deposits', payload: { projectId: t.fx.projectA.id, unitId, kind: 'renovation', description: '112 装修押金', payerName: '赵六', method: 'bank_card', amountFen: 300000 } });
    expect(taken.statusCode).toBe(201);
    const d = taken.json();
    expect(d).toMatchObject({ status: 'held', amountFen: 300000, unitLabel: 'A花园 A1栋 112' });
    const noReason = await t.as(cashier, { method: 'POST', url: `/api/deposits/${d.id}/refund`, payload: { method: 'cash', deductionFen: 5000 } });
    expect(noReason.statusCode).toBe(400);
    const tooMuch = await t.as(cashier, { method: 'POST', url: `/api/deposits/${d.id}/refund`, payload: { method: 'cash', deductionFen: 300001, deductionReason: '损坏公共设施' } });
    expect(tooMuch.statusCode).toBe(400);
    const refund = await t.as(cashier, { method: 'POST', url: `/api/deposits/${d.id}/refund`, payload: { method: 'cash', deductionFen: 5000, deductionReason: '损坏楼道墙面' } });
    expect(refund.statusCode).toBe(200);
    expect(refund.json()).toMatchObject({ status: 'refunded', deductionFen: 5000, deductionReason: '损坏楼道墙面' });
    expect(refund.json().refundReceiptNumber).not.toBe(d.receiptNumber);
    const receipt = (await t.as(cashier, { method: 'GET', url: `/api/payments/${refund.json().refundPaymentId}` })).json();
    expect(receipt).toMatchObject({ kind: 'deposit_refund', amountFen: -295000, amountCapital: '负贰仟玖佰伍拾元整' });
    expect((await t.as(cashier, { method: 'POST', url: `/api/deposits/${d.id}/refund`, payload: { method: 'cash' } })).statusCode).toBe(409);
  });

  it('closes the day: summary by method, receipt range; afterwards nothing is booked into it and a reversal lands in the reverser\'s day', async () => {
    const closer = await t.login('cashierA');
    const { unitId } = await unitWithBills('113', ['2026-11'], false);
    const paid = (await pay(closer, { unitId, method: 'cash', amountFen: 23500 })).json();
    const preview = await t.as(closer, { method: 'GET', url: `/api/daily-closes/preview?projectId=${t.fx.projectA.id}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ businessDate: TODAY, closed: false });
    expect(preview.json().summary.receiptTo).toBe(paid.receiptNumber);
    // Hand over to someone who handles money on the project: the director and the administrator, not the
    // receptionist, the reception supervisor (no money rights) or the cashier herself.
    const recipients = await t.as(closer, { method: 'GET', url: `/api/daily-closes/recipients?projectId=${t.fx.projectA.id}` });
    expect(recipients.statusCode).toBe(200);
    expect(recipients.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(['admin', 'director']);
    for (const wrong of ['receptionA', 'supervisor', 'cashierA']) {
      const refused = await t.as(closer, { method: 'POST', url: '/api/daily-closes', payload: { projectId: t.fx.projectA.id, handedTo: t.fx.users[wrong] } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toContain('交接人');
    }
    expect((await t.as(closer, { method: 'GET', url: `/api/daily-closes/recipients?projectId=${t.fx.projectB.id}` })).statusCode).toBe(404);
    const close = await t.as(closer, { method: 'POST', url: '/api/daily-closes', payload: { projectId: t.fx.projectA.id, handedTo: t.fx.users.director } });
    expect(close.statusCode).toBe(201);
    const summary = close.json().summary;
    expect(summary.byMethod.find((m: { method: string }) => m.method === 'cash').totalFen).toBeGreaterThanOrEqual(23500);
    expect(close.json()).toMatchObject({ businessDate: TODAY, handedToName: 'director', receiptTo: paid.receiptNumber });

    const other = await unitWithBills('114', ['2026-11'], false);
    const late = await pay(closer, { unitId: other.unitId, method: 'cash', amountFen: 100 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('day_closed');
    expect((await t.as(closer, { method: 'POST', url: '/api/daily-closes', payload: { projectId: t.fx.projectA.id } })).json().error).toBe('day_already_closed');
    expect((await t.as(closer, { method: 'POST', url: '/api/daily-closes', payload: { projectId: t.fx.projectA.id, businessDate: '2026-11-30' } })).statusCode).toBe(400);

    const listed = (await t.as(closer, { method: 'GET', url: `/api/payments?unitId=${unitId}` })).json().items[0];
    expect(listed.closed).toBe(true);
    // Reversing a payment of the closed day: booked into the director's open day, the close unchanged.
    const rev = await t.as(director, { method: 'POST', url: `/api/payments/${paid.id}/reverse`, payload: { reason: '日结后发现收错' } });
    expect(rev.statusCode).toBe(201);
    expect(rev.json()).toMatchObject({ cashierId: t.fx.users.director, closed: false, businessDate: TODAY });
    const closes = (await t.as(director, { method: 'GET', url: `/api/daily-closes?projectId=${t.fx.projectA.id}` })).json();
    expect(closes.items[0].summary).toEqual(summary);
  });
});
