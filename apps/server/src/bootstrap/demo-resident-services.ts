/**
 * Demo data for resident services: at 丽景花园 a move-in at the counter, a move-out, item-release
 * slips (one approved for today, a tenant's waiting for the owner), renovations (one under review,
 * one in works with its permit and worker passes), a moving company's vehicle pass, and visitors
 * at the gate and at the mall's management office.
 */
import type { Tx } from '../db/database.js';
import type { OrgUnitsTable } from '../db/schema.js';
import { newId, newSecret } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { localDateOf } from '../modules/sla/sla.clock.js';
import { serviceNumber, NUMBER_PREFIX } from '../modules/passes/gate.rules.js';
import { serviceCounterKey } from '../modules/passes/gate.rules.js';
import { nextCounter } from '../db/counters.js';

const check = (by: string, at: string, note: string | null = null) => ({ done: true, doneAt: at, doneBy: by, note });
const todo = { done: false, doneAt: null, doneBy: null, note: null };
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export async function seedResidentServicesDemo(tx: Tx, p: { garden: OrgUnitsTable; mall: OrgUnitsTable; userIds: Map<string, string> }): Promise<void> {
  const now = nowIso();
  const today = localDateOf(p.garden.timezone, now);
  const rec = p.userIds.get('reception')!;
  const sup = p.userIds.get('supervisor')!;
  const guard = p.userIds.get('guard')!;
  const mallfront = p.userIds.get('mallfront')!;
  const number = async (prefix: string, projectId: string) => serviceNumber(prefix, today, await nextCounter(tx, serviceCounterKey(prefix, projectId, today)));

  const units = await tx.selectFrom('units as u').innerJoin('org_units as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.number', 'u.state', 'b.name as building']).where('u.project_id', '=', p.garden.id).where('u.kind', '=', 'residence').orderBy('b.name').orderBy('u.number').execute();
  const vacant = units.filter((u) => u.state === 'vacant');
  const renovating = units.filter((u) => u.state === 'renovating');
  const occupied = units.filter((u) => u.state === 'occupied');
  const occupant = async (unitId: string) => tx.selectFrom('resident_units as ru').innerJoin('residents as r', 'r.id', 'ru.resident_id')
    .select(['r.id', 'r.name', 'r.phone', 'ru.relation']).where('ru.unit_id', '=', unitId).where('ru.end_date', 'is', null).executeTakeFirst();

  // 入伙: a new owner at the counter, documents checked and convention signed; accounts on their way.
  if (vacant[0]) {
    await tx.insertInto('move_ins').values({
      id: newId(), project_id: p.garden.id, unit_id: vacant[0].id, number: await number(NUMBER_PREFIX.moveIn, p.garden.id), status: 'open',
      people: JSON.stringify([{ residentId: null, name: '吴晓峰', phone: '13923456781', idNumber: '440305198805126517', relation: 'owner' }, { residentId: null, name: '林美玲', phone: '13923456782', idNumber: null, relation: 'family' }]),
      checklist: JSON.stringify({ identity: check(rec, now, '房产证、身份证已核验'), convention: check(rec, now), fees: todo, meters: todo, keys: todo }),
      meter_readings: null, keys: null,
      utilities: JSON.stringify([
        { kind: 'water', status: 'opened', accountNumber: 'SZ-W-20881342', failureReason: null, updatedAt: now, updatedBy: rec },
        { kind: 'electricity', status: 'submitted', accountNumber: null, failureReason: null, updatedAt: now, updatedBy: rec },
        { kind: 'gas', status: 'requested', accountNumber: null, failureReason: null, updatedAt: now, updatedBy: rec },
        { kind: 'cable_tv', status: 'requested', accountNumber: null, failureReason: null, updatedAt: now, updatedBy: rec },
      ]),
      direct_debit_mandate_id: null, move_in_date: null, completed_at: null, completed_by: null, created_by: rec, created_at: now, updated_at: now, version: 1,
    }).execute();
  }

  // 搬离 and 放行: a family moving out today, its slip approved.
  const leaving = occupied[5];
  const who = leaving ? await occupant(leaving.id) : undefined;
  if (leaving && who) {
    const moveOutId = newId();
    await tx.insertInto('move_outs').values({
      id: moveOutId, project_id: p.garden.id, unit_id: leaving.id, number: await number(NUMBER_PREFIX.moveOut, p.garden.id), status: 'open',
      people: JSON.stringify([{ residentId: who.id, name: who.name, relation: who.relation }]),
      checklist: JSON.stringify({ meters: check(rec, now), keys: todo }), meter_readings: JSON.stringify({ waterMilli: 356_420, electricityMilli: 8_812_300, gasMilli: 1_204_000 }),
      keys_returned: null, outstanding_fen: null, outstanding: null, override_reason: null, override_by: null, move_out_date: null, note: '搬往外地',
      completed_at: null, completed_by: null, created_by: rec, created_at: now, updated_at: now, version: 1,
    }).execute();
    await tx.insertInto('item_releases').values({
      id: newId(), project_id: p.garden.id, unit_id: leaving.id, number: await number(NUMBER_PREFIX.itemRelease, p.garden.id), status: 'approved',
      applicant_name: who.name, applicant_phone: who.phone, applicant_relation: who.relation, owner_confirmation: null,
      items: JSON.stringify([{ name: '双开门冰箱', quantity: 1 }, { name: '三人沙发', quantity: 1 }, { name: '纸箱', quantity: 18 }]),
      planned_date: today, plate: '粤B6M2K8', move_out_id: moveOutId, decided_by: sup, decided_at: now, reject_reason: null,
      released_at: null, released_by: null, released_gate: null, qr_code: newSecret(), created_by: rec, created_at: now, updated_at: now, version: 2,
    }).execute();
  }
  const tenantUnit = occupied[9];
  if (tenantUnit) {
    await tx.insertInto('item_releases').values({
      id: newId(), project_id: p.garden.id, unit_id: tenantUnit.id, number: await number(NUMBER_PREFIX.itemRelease, p.garden.id), status: 'awaiting_owner',
      applicant_name: '郑子豪', applicant_phone: '13760001234', applicant_relation: 'tenant', owner_confirmation: null,
      items: JSON.stringify([{ name: '书桌', quantity: 1 }, { name: '行李箱', quantity: 3 }]), planned_date: addDays(today, 1), plate: null, move_out_id: null,
      decided_by: null, decided_at: null, reject_reason: null, released_at: null, released_by: null, released_gate: null, qr_code: newSecret(),
      created_by: rec, created_at: now, updated_at: now, version: 1,
    }).execute();
  }

  // 装修: one in works (permit, worker passes), one under review.
  const base = { fees: '[]', deductions: '[]', reject_reason: null, cancel_reason: null, refund_fen: null, refunded_at: null, contractor_license: null, created_by: rec, created_at: now, updated_at: now };
  const inWorks = renovating[0];
  if (inWorks) {
    const id = newId();
    const workers = [{ name: '黄志明', idNumber: '440305198203153915', trade: '木工' }, { name: '何永康', idNumber: '440306199011204413', trade: '水电工' }];
    const start = addDays(today, -10);
    const end = addDays(today, 50);
    await tx.insertInto('renovations').values({
      ...base, id, project_id: p.garden.id, unit_id: inWorks.id, number: await number(NUMBER_PREFIX.renovation, p.garden.id), status: 'in_progress', open_unit_id: inWorks.id,
      owner_name: '许文博', owner_phone: '13612340098', contractor_company: '深圳市美家装饰工程有限公司', person_in_charge: '黄志明', person_in_charge_phone: '13699887766',
      workers: JSON.stringify(workers), scope: '客厅吊顶、厨卫翻新（含防水）、全屋墙面', planned_start: start, planned_end: end, approved_end: end,
      conditions: '施工时间：工作日 8:00–12:00、14:00–18:00；不得改动承重墙；防水须做 48 小时闭水试验', deposit_fen: 300_000,
      fees: JSON.stringify([{ name: '垃圾清运费', amountFen: 50_000 }]), paid_at: now, payment_note: null, unit_state_before: 'vacant',
      permit_number: await number(NUMBER_PREFIX.permit, p.garden.id), permit_issued_at: now, version: 4,
    }).execute();
    await tx.insertInto('renovation_inspections').values({ id: newId(), renovation_id: id, project_id: p.garden.id, kind: 'routine', result: 'violations', findings: '楼道堆放建筑垃圾',
      violations: JSON.stringify([{ description: '楼道堆放建筑垃圾，影响消防通道', deadline: addDays(today, 1), photoFileIds: [] }]), inspector_id: sup, at: now }).execute();
    for (const w of workers) {
      await tx.insertInto('passes').values({ id: newId(), project_id: p.garden.id, kind: 'worker', number: await number(NUMBER_PREFIX.workerPass, p.garden.id), holder_name: w.name, id_number: w.idNumber,
        phone: null, company: '深圳市美家装饰工程有限公司', unit_id: inWorks.id, plate: null, valid_from: start, valid_to: end, status: 'active', revoke_reason: null, revoked_by: null, revoked_at: null,
        renovation_id: id, qr_code: newSecret(), created_by: rec, created_at: now, updated_at: now }).execute();
    }
  }
  if (renovating[1]) {
    await tx.insertInto('renovations').values({
      ...base, id: newId(), project_id: p.garden.id, unit_id: renovating[1].id, number: await number(NUMBER_PREFIX.renovation, p.garden.id), status: 'submitted', open_unit_id: renovating[1].id,
      owner_name: '高雅琴', owner_phone: '13588776655', contractor_company: '深圳市安居装饰有限公司', person_in_charge: '邓建华', person_in_charge_phone: '13544332211',
      workers: JSON.stringify([{ name: '邓建华', idNumber: '440304197907082117', trade: '泥瓦工' }]), scope: '阳台封窗、卧室铺设木地板', planned_start: addDays(today, 3), planned_end: addDays(today, 33),
      approved_end: addDays(today, 33), conditions: null, deposit_fen: null, paid_at: null, payment_note: null, permit_number: null, permit_issued_at: null, version: 1,
    }).execute();
  }

  // 车辆出入证: the moving company's van for the week.
  await tx.insertInto('passes').values({ id: newId(), project_id: p.garden.id, kind: 'vehicle', number: await number(NUMBER_PREFIX.vehiclePass, p.garden.id), holder_name: '钟师傅', id_number: null,
    phone: '13800135000', company: '顺达搬家公司', unit_id: leaving?.id ?? null, plate: '粤B6M2K8', valid_from: today, valid_to: addDays(today, 6), status: 'active', revoke_reason: null,
    revoked_by: null, revoked_at: null, renovation_id: null, qr_code: newSecret(), created_by: rec, created_at: now, updated_at: now }).execute();

  // 来访登记: at the community gate and the mall's management office.
  const visit = (projectId: string, v: { name: string; phone?: string; party?: number; plate?: string; unitId?: string; host?: string; purpose: string; gate: string; by: string; out?: boolean; minutesAgo: number }) => {
    const inAt = new Date(Date.now() - v.minutesAgo * 60_000).toISOString();
    return tx.insertInto('visits').values({ id: newId(), project_id: projectId, visitor_name: v.name, phone: v.phone ?? null, id_number: null, party_size: v.party ?? 1, plate: v.plate ?? null,
      host_unit_id: v.unitId ?? null, host_name: v.host ?? null, purpose: v.purpose, gate: v.gate, checked_in_at: inAt, checked_in_by: v.by,
      checked_out_at: v.out ? new Date(Date.now() - Math.floor(v.minutesAgo / 3) * 60_000).toISOString() : null, checked_out_by: v.out ? v.by : null }).execute();
  };
  await visit(p.garden.id, { name: '杨帆', phone: '13811112222', party: 2, unitId: occupied[1]?.id, purpose: '探亲', gate: '东门', by: guard, minutesAgo: 40 });
  await visit(p.garden.id, { name: '快递员 周师傅', phone: '13922223333', host: '物业前台', purpose: '送件', gate: '东门', by: guard, out: true, minutesAgo: 90 });
  await visit(p.garden.id, { name: '宽带安装 罗工', phone: '13633334444', plate: '粤BX7721', unitId: occupied[3]?.id, purpose: '宽带安装', gate: '西门', by: guard, minutesAgo: 25 });
  await visit(p.mall.id, { name: '供应商 钱经理', phone: '13744445555', host: '管理处 营运部', purpose: '商户进场对账', gate: '管理处', by: mallfront, minutesAgo: 30 });
  await visit(p.mall.id, { name: '消防检测 韦工', phone: '13555556666', party: 3, host: '管理处 工程部', purpose: '年度消防检测', gate: '管理处', by: mallfront, out: true, minutesAgo: 180 });
}
