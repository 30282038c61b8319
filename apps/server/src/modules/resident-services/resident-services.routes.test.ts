import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { insertOpenCharge, insertUnit, shanghaiToday, WORKER_ID } from './rs.testing.js';

let t: TestApp;
let rec: Session;
let recB: Session;
let sup: Session;
let guard: Session;
let cashier: Session;
beforeAll(async () => {
  t = await createTestApp();
  [rec, recB, sup, guard, cashier] = await Promise.all([t.login('receptionA'), t.login('receptionB'), t.login('supervisor'), t.login('guardA'), t.login('cashierA')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload?: unknown) => t.as(s, { method: 'POST', url, payload: (payload ?? {}) as object });
const get = (s: Session, url: string) => t.as(s, { method: 'GET', url });
const count = async (table: 'move_ins' | 'item_releases' | 'renovations' | 'passes' | 'visits' | 'gate_checks') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('move-in (入伙)', () => {
  it('runs the checklist and all four utility accounts, records a direct-debit mandate, and completing links the people and occupies the unit', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '101');
    const created = await post(rec, '/api/move-ins', { unitId, people: [{ name: '周新业', phone: '13912345678', idNumber: WORKER_ID, relation: 'owner' }] });
    expect(created.statusCode).toBe(201);
    const mi = created.json();
    expect(mi.number).toMatch(/^RH-\d{8}-0001$/);
    expect(mi.utilities.map((u: { kind: string; status: string }) => `${u.kind}:${u.status}`)).toEqual(['water:requested', 'electricity:requested', 'gas:requested', 'cable_tv:requested']);
    expect(mi.people[0].idNumberMasked).toBe('110***********4477');

    // Not done yet: completion is refused and names the missing steps.
    const early = await post(rec, `/api/move-ins/${mi.id}/complete`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'checklist_incomplete', details: { missing: ['identity', 'convention', 'fees', 'meters', 'keys'] } });

    // The meters step needs the readings.
    expect((await post(rec, `/api/move-ins/${mi.id}/steps/meters`, {})).statusCode).toBe(400);
    for (const step of ['identity', 'convention', 'fees']) expect((await post(rec, `/api/move-ins/${mi.id}/steps/${step}`, { note: 'ok' })).statusCode).toBe(200);
    expect((await post(rec, `/api/move-ins/${mi.id}/steps/meters`, { readings: { waterMilli: 12_345, electricityMilli: 880_000, gasMilli: 3_000 } })).statusCode).toBe(200);
    expect((await post(rec, `/api/move-ins/${mi.id}/steps/keys`, { keys: { count: 4, which: '入户门×2、信箱×1、门禁卡×1' } })).statusCode).toBe(200);

    // Skipping "submitted" is refused; each account goes requested → submitted → opened.
    const skip = await t.as(rec, { method: 'PATCH', url: `/api/move-ins/${mi.id}/utility-accounts/water`, payload: { status: 'opened', accountNumber: 'W-1' } });
    expect(skip.statusCode).toBe(409);
    for (const kind of ['water', 'electricity', 'gas', 'cable_tv']) {
      expect((await t.as(rec, { method: 'PATCH', url: `/api/move-ins/${mi.id}/utility-accounts/${kind}`, payload: { status: 'submitted' } })).statusCode).toBe(200);
      const opened = await t.as(rec, { method: 'PATCH', url: `/api/move-ins/${mi.id}/utility-accounts/${kind}`, payload: { status: 'opened', accountNumber: `${kind.toUpperCase()}-8801` } });
      expect(opened.statusCode).toBe(200);
    }
    const dd = await post(rec, `/api/move-ins/${mi.id}/direct-debit`, { bank: '中国工商银行深圳南山支行', accountNumber: '6222020200112233445', accountHolder: '周新业' });
    expect(dd.statusCode).toBe(200);
    expect(dd.json().directDebit).toMatchObject({ accountMasked: '****3445' });
    expect(await t.database.db.selectFrom('direct_debit_mandates').select('unit_id').where('unit_id', '=', unitId).execute()).toHaveLength(1);

    const done = await post(rec, `/api/move-ins/${mi.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', moveInDate: shanghaiToday(), progress: { done: 9, total: 9 } });
    const unit = await t.database.db.selectFrom('units').select('state').where('id', '=', unitId).executeTakeFirstOrThrow();
    expect(unit.state).toBe('occupied');
    const links = await t.database.db.selectFrom('resident_units as ru').innerJoin('residents as r', 'r.id', 'ru.resident_id').select(['r.name', 'ru.relation', 'ru.start_date', 'ru.end_date']).where('ru.unit_id', '=', unitId).execute();
    expect(links).toEqual([{ name: '周新业', relation: 'owner', start_date: shanghaiToday(), end_date: null }]);
    // Completed is final.
    expect((await post(rec, `/api/move-ins/${mi.id}/steps/keys`, { keys: { count: 1, which: 'x' } })).statusCode).toBe(409);
  });

  it('refuses an unknown utility kind and bad bodies with 400, writing nothing', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '102');
    const before = await count('move_ins');
    expect((await post(rec, '/api/move-ins', { unitId, people: [{ name: '甲', phone: '13900000001', relation: 'owner' }], utilities: ['water', 'heating'] })).statusCode).toBe(400);
    expect((await post(rec, '/api/move-ins', { unitId, people: [] })).statusCode).toBe(400);
    expect(await count('move_ins')).toBe(before);
    const mi = (await post(rec, '/api/move-ins', { unitId, people: [{ name: '甲', phone: '13900000001', relation: 'owner' }], utilities: ['water'] })).json();
    const bad = await t.as(rec, { method: 'PATCH', url: `/api/move-ins/${mi.id}/utility-accounts/heating`, payload: { status: 'submitted' } });
    expect(bad.statusCode).toBe(400);
    const notAsked = await t.as(rec, { method: 'PATCH', url: `/api/move-ins/${mi.id}/utility-accounts/gas`, payload: { status: 'submitted' } });
    expect(notAsked.json()).toMatchObject({ error: 'utility_not_requested' });
    const row = await t.database.db.selectFrom('move_ins').select(['utilities', 'version']).where('id', '=', mi.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
  });

  it('is scoped per project: another project\'s receptionist gets 404 and the guard cannot open one', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '103');
    const mi = (await post(rec, '/api/move-ins', { unitId, people: [{ name: '乙', phone: '13900000002', relation: 'tenant' }] })).json();
    expect((await get(recB, `/api/move-ins/${mi.id}`)).statusCode).toBe(404);
    expect((await post(recB, `/api/move-ins/${mi.id}/steps/identity`, {})).statusCode).toBe(404);
    expect((await get(recB, '/api/move-ins')).json().total).toBe(0);
    expect((await post(guard, '/api/move-ins', { unitId, people: [{ name: '丙', phone: '13900000003', relation: 'owner' }] })).statusCode).toBe(403);
  });
});

describe('move-out (搬离)', () => {
  async function occupiedUnit(number: string) {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, number, 'occupied');
    const now = new Date().toISOString();
    const residentId = `r${number}abcdefgh`;
    await t.database.db.insertInto('residents').values({ id: residentId, project_id: t.fx.projectA.id, name: `住户${number}`, phone: '13800000000', phone_rev: '00000000831', id_number: null, note: null, created_at: now, updated_at: now }).execute();
    await t.database.db.insertInto('resident_units').values({ id: `l${number}abcdefgh`, project_id: t.fx.projectA.id, resident_id: residentId, unit_id: unitId, relation: 'owner', start_date: '2020-01-01', end_date: null, created_at: now }).execute();
    return unitId;
  }
  async function readyMoveOut(unitId: string) {
    const mo = (await post(rec, '/api/move-outs', { unitId })).json();
    await post(rec, `/api/move-outs/${mo.id}/steps/meters`, { readings: { waterMilli: 99_000, electricityMilli: 1_200_000, gasMilli: null } });
    await post(rec, `/api/move-outs/${mo.id}/steps/keys`, { keys: { count: 4, which: '全部钥匙' } });
    return mo;
  }

  it('is blocked with 409 unit_in_arrears while the unit owes money; a receptionist cannot override; a supervisor can, with a reason', async () => {
    const unitId = await occupiedUnit('201');
    await insertOpenCharge(t.database, t.fx.projectA.id, unitId, 35_600);
    const mo = await readyMoveOut(unitId);
    const shown = (await get(rec, `/api/move-outs/${mo.id}`)).json();
    expect(shown.outstandingFen).toBe(35_600);
    expect(shown.outstanding[0]).toMatchObject({ period: '2026-10', outstandingFen: 35_600 });

    const blocked = await post(rec, `/api/move-outs/${mo.id}/complete`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ error: 'unit_in_arrears', details: { outstandingFen: 35_600 } });
    expect((await post(rec, `/api/move-outs/${mo.id}/complete`, { override: { reason: '业主承诺月底前结清' } })).statusCode).toBe(403);
    // Nothing changed by the refusals.
    expect((await t.database.db.selectFrom('units').select('state').where('id', '=', unitId).executeTakeFirstOrThrow()).state).toBe('occupied');

    const ok = await post(sup, `/api/move-outs/${mo.id}/complete`, { override: { reason: '业主承诺月底前结清' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'completed', outstandingFen: 35_600, override: { reason: '业主承诺月底前结清', by: 'supervisor' }, moveOutDate: shanghaiToday() });
    const link = await t.database.db.selectFrom('resident_units').select('end_date').where('unit_id', '=', unitId).executeTakeFirstOrThrow();
    expect(link.end_date).toBe(shanghaiToday());
    expect((await t.database.db.selectFrom('units').select('state').where('id', '=', unitId).executeTakeFirstOrThrow()).state).toBe('vacant');
  });

  it('completes without override when nothing is owed, and an item release can be created from it', async () => {
    const unitId = await occupiedUnit('202');
    const mo = await readyMoveOut(unitId);
    const rel = await post(rec, '/api/item-releases', { unitId, applicantName: '住户202', applicantPhone: '13800000000', applicantRelation: 'owner', items: [{ name: '冰箱', quantity: 1 }], plannedDate: shanghaiToday(), moveOutId: mo.id });
    expect(rel.statusCode).toBe(201);
    const done = await post(rec, `/api/move-outs/${mo.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', override: null, itemReleaseIds: [rel.json().id] });
  });
});

describe('item release (放行)', () => {
  let unitId: string;
  beforeAll(async () => { unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '301', 'occupied'); });
  const tenantApp = () => ({ unitId, applicantName: '租客小林', applicantPhone: '13711112222', applicantRelation: 'tenant', items: [{ name: '沙发', quantity: 1 }, { name: '纸箱', quantity: 6 }], plannedDate: shanghaiToday(), plate: '粤B12345' });

  it('a tenant needs the owner\'s confirmation; a guard can verify and release but cannot approve; release happens once and the second use is refused and logged', async () => {
    const created = await post(rec, '/api/item-releases', tenantApp());
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ status: 'awaiting_owner', number: expect.stringMatching(/^FX-\d{8}-\d{4}$/) });
    expect(r.qrCode).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await post(sup, `/api/item-releases/${r.id}/approve`)).json()).toMatchObject({ error: 'owner_confirmation_required' });
    expect((await post(rec, `/api/item-releases/${r.id}/owner-confirmation`, { ownerName: '业主王先生', method: 'phone', note: '电话确认 13800001111' })).statusCode).toBe(200);
    // Before approval the gate says not_approved.
    expect((await get(guard, `/api/item-releases/verify/${r.qrCode}?gate=东门`)).json()).toMatchObject({ status: 'not_approved' });
    expect((await post(guard, `/api/item-releases/${r.id}/approve`)).statusCode).toBe(403);
    expect((await post(rec, `/api/item-releases/${r.id}/approve`)).statusCode).toBe(403);
    const approved = await post(sup, `/api/item-releases/${r.id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', ownerConfirmation: { ownerName: '业主王先生', method: 'phone' } });

    const byQr = (await get(guard, `/api/item-releases/verify/${r.qrCode}?gate=东门`)).json();
    expect(byQr).toMatchObject({ status: 'valid', number: r.number, applicantName: '租客小林', plate: '粤B12345', items: [{ name: '沙发', quantity: 1 }, { name: '纸箱', quantity: 6 }] });
    expect(byQr).not.toHaveProperty('applicantPhone');
    expect((await get(guard, `/api/item-releases/verify/${r.number.toLowerCase()}`)).json()).toMatchObject({ status: 'valid' });

    const released = await post(guard, `/api/item-releases/${r.id}/release`, { gate: '东门' });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', releasedGate: '东门', releasedBy: 'guardA', qrCode: null });
    const again = await post(guard, `/api/item-releases/${r.id}/release`, { gate: '西门' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'already_released' });
    expect((await get(guard, `/api/item-releases/verify/${r.qrCode}`)).json()).toMatchObject({ status: 'used', releasedGate: '东门' });
    const log = await t.database.db.selectFrom('gate_checks').select(['action', 'result', 'gate']).where('subject_id', '=', r.id).where('action', '=', 'release').orderBy('checked_at').execute();
    expect(log).toEqual([{ action: 'release', result: 'released', gate: '东门' }, { action: 'release', result: 'refused_used', gate: '西门' }]);
  });

  it('an altered or guessed code is unknown and changes nothing', async () => {
    const r = (await post(rec, '/api/item-releases', { ...tenantApp(), ownerConfirmation: { ownerName: '业主', method: 'in_person' } })).json();
    expect(r.status).toBe('submitted');
    await post(sup, `/api/item-releases/${r.id}/approve`);
    const altered = r.qrCode.slice(0, -1) + (r.qrCode.endsWith('A') ? 'B' : 'A');
    for (const code of [altered, 'FX-20991231-9999', 'not-a-code', `${r.qrCode}x`]) {
      const res = await get(guard, `/api/item-releases/verify/${encodeURIComponent(code)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'unknown', checkId: expect.any(String) });
    }
    const row = await t.database.db.selectFrom('item_releases').select(['status', 'version']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'approved', version: 2 });
  });

  it('is scoped per project: another project\'s receptionist gets 404, and its codes are unknown to project A\'s guard', async () => {
    const r = (await post(rec, '/api/item-releases', { ...tenantApp(), applicantRelation: 'owner' })).json();
    expect((await get(recB, `/api/item-releases/${r.id}`)).statusCode).toBe(404);
    expect((await post(recB, `/api/item-releases/${r.id}/cancel`, { reason: '误建' })).statusCode).toBe(404);
    const unitB = await insertUnit(t.database, t.fx.projectB.id, t.fx.buildingB.id, 'B-1');
    const rb = (await post(recB, '/api/item-releases', { unitId: unitB, applicantName: '商户', applicantPhone: '13600001111', applicantRelation: 'owner', items: [{ name: '货架', quantity: 2 }], plannedDate: shanghaiToday() })).json();
    expect((await get(guard, `/api/item-releases/verify/${rb.qrCode}`)).json().status).toBe('unknown');
    expect((await post(guard, `/api/item-releases/${rb.id}/release`, { gate: '东门' })).statusCode).toBe(404);
  });

  it('refuses a planned date in the past (400) and writes nothing', async () => {
    const before = await count('item_releases');
    const res = await post(rec, '/api/item-releases', { ...tenantApp(), plannedDate: shanghaiToday(-1) });
    expect(res.statusCode).toBe(400);
    expect(await count('item_releases')).toBe(before);
  });
});

describe('passes (出入证)', () => {
  const pass = (over: Record<string, unknown> = {}) => ({ projectId: t.fx.projectA.id, kind: 'vehicle', holderName: '刘师傅', idNumber: WORKER_ID, company: '顺达搬家', plate: '粤B D12345'.replace(' ', ''), validFrom: shanghaiToday(), validTo: shanghaiToday(30), ...over });

  it('issues, verifies (logged with the gate) and revokes; the guard sees a masked ID', async () => {
    const res = await post(rec, '/api/passes', pass());
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ number: expect.stringMatching(/^CL-/), currentStatus: 'valid', idNumberMasked: '110***********4477' });
    const v = (await get(guard, `/api/passes/verify/${p.qrCode}?gate=北门`)).json();
    expect(v).toMatchObject({ status: 'valid', holderName: '刘师傅', plate: '粤BD12345', idNumberMasked: '110***********4477' });
    const check = await t.database.db.selectFrom('gate_checks').selectAll().where('id', '=', v.checkId).executeTakeFirstOrThrow();
    expect(check).toMatchObject({ subject: 'pass', subject_id: p.id, result: 'valid', gate: '北门', checked_by: t.fx.users.guardA });
    // One tap: let in.
    expect((await post(guard, `/api/gate-checks/${v.checkId}/entry`)).json()).toMatchObject({ action: 'entry', result: 'admitted', gate: '北门' });

    expect((await post(guard, `/api/passes/${p.id}/revoke`, { reason: '车辆已离场' })).statusCode).toBe(403);
    expect((await post(rec, `/api/passes/${p.id}/revoke`, { reason: '车辆已离场' })).json()).toMatchObject({ status: 'revoked', currentStatus: 'revoked' });
    expect((await get(guard, `/api/passes/verify/${p.number}`)).json()).toMatchObject({ status: 'revoked', revokeReason: '车辆已离场' });
    expect((await post(rec, `/api/passes/${p.id}/revoke`, { reason: '再次' })).statusCode).toBe(409);
  });

  it('answers expired and not yet valid by the dates', async () => {
    const past = (await post(rec, '/api/passes', pass({ validFrom: shanghaiToday(-10), validTo: shanghaiToday(-1) }))).json();
    const future = (await post(rec, '/api/passes', pass({ validFrom: shanghaiToday(2), validTo: shanghaiToday(3) }))).json();
    expect((await get(guard, `/api/passes/verify/${past.qrCode}`)).json().status).toBe('expired');
    expect((await get(guard, `/api/passes/verify/${future.qrCode}`)).json().status).toBe('not_yet_valid');
  });

  it('refuses an end before the start and a vehicle pass without a plate (400), writing nothing', async () => {
    const before = await count('passes');
    const backwards = await post(rec, '/api/passes', pass({ validFrom: shanghaiToday(5), validTo: shanghaiToday(1) }));
    expect(backwards.statusCode).toBe(400);
    expect((await post(rec, '/api/passes', pass({ plate: undefined }))).statusCode).toBe(400);
    expect((await post(rec, '/api/passes', pass({ projectId: t.fx.projectB.id }))).statusCode).toBe(400);
    expect(await count('passes')).toBe(before);
  });
});

describe('renovation (装修)', () => {
  const application = (unitId: string, over: Record<string, unknown> = {}) => ({
    unitId, ownerName: '陈业主', ownerPhone: '13512345678', contractorCompany: '深圳美家装饰工程有限公司', personInCharge: '黄工', personInChargePhone: '13612345678',
    workers: [{ name: '李木工', idNumber: WORKER_ID, trade: '木工' }, { name: '张电工', idNumber: '44030519880808123X', trade: '电工' }],
    scope: '客厅吊顶、卫生间防水、全屋水电改造', plannedStart: shanghaiToday(), plannedEnd: shanghaiToday(45), ...over,
  });

  it('goes from application to refund: conditions, money, permit and worker passes for the dates, inspection, failed acceptance, rework, acceptance, refund', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '401', 'occupied');
    const r = (await post(rec, '/api/renovations', application(unitId))).json();
    expect(r).toMatchObject({ status: 'submitted', number: expect.stringMatching(/^ZS-/) });
    expect((await post(rec, '/api/renovations', application(unitId))).json()).toMatchObject({ error: 'renovation_open' });

    expect((await post(rec, `/api/renovations/${r.id}/approve`, { conditions: '每日 8:00–12:00、14:00–18:00 施工' })).statusCode).toBe(403);
    expect((await post(rec, `/api/renovations/${r.id}/issue-permit`)).json()).toMatchObject({ error: 'invalid_transition' });
    expect((await post(sup, `/api/renovations/${r.id}/approve`, { conditions: '每日 8:00–12:00、14:00–18:00 施工' })).json()).toMatchObject({ status: 'approved' });
    // Money is the cashier's (billing.collect).
    expect((await post(cashier, `/api/renovations/${r.id}/pay`, { depositFen: 200_000, method: 'cash', fees: [{ name: '垃圾清运费', amountFen: 30_000 }] })).json()).toMatchObject({ status: 'paid', depositFen: 200_000 });
    const permitted = (await post(rec, `/api/renovations/${r.id}/issue-permit`)).json();
    expect(permitted).toMatchObject({ status: 'in_progress', permitNumber: expect.stringMatching(/^XK-/) });
    expect(permitted.passIds).toHaveLength(2);
    const passes = (await get(rec, `/api/passes?renovationId=${r.id}`)).json().items;
    expect(passes.map((p: { holderName: string; validFrom: string; validTo: string; kind: string }) => [p.kind, p.holderName, p.validFrom, p.validTo]).sort())
      .toEqual([['worker', '张电工', shanghaiToday(), shanghaiToday(45)], ['worker', '李木工', shanghaiToday(), shanghaiToday(45)]]);

    // Extension: asked, approved by a supervisor; the passes follow.
    const ext = (await post(rec, `/api/renovations/${r.id}/extend`, { newEndDate: shanghaiToday(60), reason: '材料延迟到货' })).json();
    expect((await post(rec, `/api/renovations/${r.id}/decide-extension`, { extensionId: ext.extensions[0].id, approve: true })).statusCode).toBe(403);
    expect((await post(sup, `/api/renovations/${r.id}/decide-extension`, { extensionId: ext.extensions[0].id, approve: true })).json()).toMatchObject({ approvedEnd: shanghaiToday(60) });
    expect((await get(rec, `/api/passes/${passes[0].id}`)).json().validTo).toBe(shanghaiToday(60));

    const inspected = await post(rec, `/api/renovations/${r.id}/inspect`, { findings: '卫生间防水未做闭水试验', violations: [{ description: '擅自拆改承重墙开孔', deadline: shanghaiToday(3) }] });
    expect(inspected.json().inspections[0]).toMatchObject({ kind: 'routine', result: 'violations' });
    expect((await post(rec, `/api/renovations/${r.id}/acceptance`, { passed: false, findings: '防水不合格' })).statusCode).toBe(400);
    expect((await post(rec, `/api/renovations/${r.id}/acceptance`, { passed: false, findings: '防水不合格', violations: [{ description: '重做防水', deadline: shanghaiToday(7) }] })).json().status).toBe('rework');
    expect((await post(cashier, `/api/renovations/${r.id}/refund`, { deductions: [], method: 'cash' })).json()).toMatchObject({ error: 'invalid_transition' });
    expect((await post(rec, `/api/renovations/${r.id}/acceptance`, { passed: true, findings: '复验合格' })).json().status).toBe('accepted');
    expect((await get(guard, `/api/passes/verify/${(await get(rec, `/api/passes/${passes[0].id}`)).json().qrCode}`)).json().status).toBe('revoked');

    expect((await post(cashier, `/api/renovations/${r.id}/refund`, { deductions: [{ reason: '损坏电梯轿厢', amountFen: 250_000 }], method: 'cash' })).json()).toMatchObject({ error: 'deductions_exceed_deposit' });
    const closed = (await post(cashier, `/api/renovations/${r.id}/refund`, { deductions: [{ reason: '公共区域垃圾未清运', amountFen: 20_000 }], method: 'cash' })).json();
    expect(closed).toMatchObject({ status: 'closed', refundFen: 180_000 });
    // The unit is free for a new application.
    expect((await post(rec, '/api/renovations', application(unitId))).statusCode).toBe(201);
  });

  it('refuses an end before the start with 400 and writes nothing; rejection needs reasons', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '402');
    const before = await count('renovations');
    expect((await post(rec, '/api/renovations', application(unitId, { plannedStart: shanghaiToday(10), plannedEnd: shanghaiToday(2) }))).statusCode).toBe(400);
    expect(await count('renovations')).toBe(before);
    const r = (await post(rec, '/api/renovations', application(unitId))).json();
    expect((await post(sup, `/api/renovations/${r.id}/reject`, {})).statusCode).toBe(400);
    expect((await post(sup, `/api/renovations/${r.id}/reject`, { reason: '图纸涉及改动承重结构' })).json()).toMatchObject({ status: 'rejected', rejectReason: '图纸涉及改动承重结构' });
    expect((await get(recB, `/api/renovations/${r.id}`)).statusCode).toBe(404);
  });
});

describe('visitors (来访登记)', () => {
  it('checks in and out, shows who is on site now and the day\'s record, per project', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '501', 'occupied');
    const v = await post(guard, '/api/visits', { projectId: t.fx.projectA.id, visitorName: '访客赵', phone: '13300001111', idNumber: WORKER_ID, partySize: 2, hostUnitId: unitId, purpose: '探亲', gate: '南门' });
    expect(v.statusCode).toBe(201);
    expect(v.json()).toMatchObject({ idNumberMasked: '110***********4477', hostUnitLabel: 'A1栋501', checkedInBy: 'guardA' });
    const mall = await post(recB, '/api/visits', { projectId: t.fx.projectB.id, visitorName: '供应商钱', hostName: '管理处 营运部', purpose: '送货对账' });
    expect(mall.statusCode).toBe(201);

    const onSite = (await get(guard, '/api/visits?onSite=true')).json();
    expect(onSite.items.map((x: { visitorName: string }) => x.visitorName)).toEqual(['访客赵']);
    expect((await post(guard, `/api/visits/${v.json().id}/check-out`)).json()).toMatchObject({ checkedOutBy: 'guardA' });
    expect((await post(guard, `/api/visits/${v.json().id}/check-out`)).statusCode).toBe(409);
    expect((await get(guard, '/api/visits?onSite=true')).json().total).toBe(0);
    expect((await get(guard, `/api/visits?date=${shanghaiToday()}`)).json().total).toBe(1);
    expect((await get(guard, `/api/visits?date=${shanghaiToday(-1)}`)).json().total).toBe(0);
    expect((await post(guard, `/api/visits/${mall.json().id}/check-out`)).statusCode).toBe(404);
    expect((await post(guard, '/api/visits', { projectId: t.fx.projectA.id, visitorName: '无主', purpose: '?' })).statusCode).toBe(400);
  });
});
