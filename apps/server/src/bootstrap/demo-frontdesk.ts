/**
 * Front-desk demo data from the mission's rules (document 2): the mall 丽悦新天购物中心's service
 * desk open weekdays 09:30–22:00 and weekends 09:30–22:30, its opening and closing checklists
 * (music on at arrival, off 10 minutes before closing; appliances off, items locked, hazards
 * checked), this week's roster with one evening still uncovered, keys, calls, a directory whose
 * managers' mobiles are confidential, an incident and notices; and the 丽景花园 center's front desk.
 */
import type { Tx } from '../db/database.js';
import type { OrgUnitsTable } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { withIds } from '../modules/checklists/checklists.policy.js';
import { localDateOf, localDayRange } from '../modules/sla/sla.clock.js';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A local date and minutes after midnight → ISO instant. */
const at = (date: string, minutes: number) => new Date(Date.parse(localDayRange(TZ, date).startIso) + minutes * MIN).toISOString();
const hm = (h: number, m = 0) => h * 60 + m;

export async function seedFrontDeskDemo(
  tx: Tx,
  w: { garden: OrgUnitsTable; mall: OrgUnitsTable; users: Map<string, string>; roleIds: Map<string, string>; password: string },
): Promise<{ username: string; password: string; role: string; where: string }[]> {
  const now = nowIso();
  const nowMs = Date.parse(now);
  const today = localDateOf(TZ, now);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const supervisor = w.users.get('supervisor')!;
  const mallfront = w.users.get('mallfront')!;
  const reception = w.users.get('reception')!;

  // A second mall receptionist: the desk runs an early and a late shift.
  const mallfront2 = newId();
  await tx.insertInto('users').values({
    id: mallfront2, username: 'mallfront2', display_name: '孙悦', phone: '13900001010', position: '前台客服助理', org_unit_id: w.mall.id, password_hash: await hashPassword(w.password),
    must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null, education: 'college', birth_date: '2000-03-08',
    health_cert_expiry: '2027-06-30', experience_years: 1, skills: JSON.stringify(['Office']), trainings: '[]', created_at: now, updated_at: now,
  }).execute();
  await tx.insertInto('role_grants').values({ id: newId(), user_id: mallfront2, role_id: w.roleIds.get('receptionist')!, org_unit_id: w.mall.id, created_at: now }).execute();

  // ---------------------------------------------------------------- desks
  const mallDesk = newId();
  const gardenDesk = newId();
  await tx.insertInto('desks').values([
    {
      id: mallDesk, project_id: w.mall.id, name: '一楼服务台', location: 'L1 中庭', phone: '0755-86661234',
      hours: JSON.stringify({ weekday: [['09:30', '22:00']], weekend: [['09:30', '22:30']], holiday: [] }), holiday_rule: 'weekend', max_consecutive_days: 6, created_at: now, updated_at: now,
    },
    {
      id: gardenDesk, project_id: w.garden.id, name: '客服中心前台', location: '会所一楼', phone: '0755-86001234',
      hours: JSON.stringify({ weekday: [['08:30', '18:00']], weekend: [['09:00', '17:00']], holiday: [['09:00', '12:00']] }), holiday_rule: 'own', max_consecutive_days: 6, created_at: now, updated_at: now,
    },
  ]).execute();

  const templates = [
    { desk: mallDesk, project: w.mall.id, name: '开店检查', kind: 'opening', items: [
      { text: '开启背景音乐', anchor: 'open', offsetMinutes: 0 }, { text: '整理前台工作区域，保持清洁', anchor: 'open', offsetMinutes: 0 },
      { text: '检查钥匙柜与重要物品柜', anchor: 'open', offsetMinutes: 15 }, { text: '检查仪容仪表、工作服', anchor: 'open', offsetMinutes: 0 },
    ] },
    { desk: mallDesk, project: w.mall.id, name: '闭店检查', kind: 'closing', items: [
      { text: '关闭背景音乐（闭店前10分钟）', anchor: 'close', offsetMinutes: -10 }, { text: '关闭前台所有电器', anchor: 'close', offsetMinutes: 5 },
      { text: '物品入柜并上锁', anchor: 'close', offsetMinutes: 5 }, { text: '确认无安全隐患后离开', anchor: 'close', offsetMinutes: 10 },
    ] },
    { desk: gardenDesk, project: w.garden.id, name: '上班检查', kind: 'opening', items: [
      { text: '开启电脑、电话，检查来电录音', anchor: 'open', offsetMinutes: 0 }, { text: '接待室环境整洁', anchor: 'open', offsetMinutes: 0 },
    ] },
  ] as const;
  for (const tpl of templates) {
    await tx.insertInto('checklist_templates').values({
      id: newId(), project_id: tpl.project, desk_id: tpl.desk, name: tpl.name, kind: tpl.kind, items: JSON.stringify(withIds(tpl.items.map((i) => ({ ...i })))),
      active: 1, created_at: now, updated_at: now,
    }).execute();
  }

  // ---------------------------------------------------------------- this week's roster
  // The mall: 赵欣怡 early (09:30–16:00), 孙悦 late (15:30–22:30); Wednesday evening is not covered yet,
  // Sunday's early shift is the supervisor's so nobody works seven days in a row.
  const shifts: { desk: string; project: string; user: string; date: string; from: number; to: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    shifts.push({ desk: mallDesk, project: w.mall.id, user: i === 6 ? supervisor : mallfront, date, from: hm(9, 30), to: hm(16) });
    if (i !== 2) shifts.push({ desk: mallDesk, project: w.mall.id, user: mallfront2, date, from: hm(15, 30), to: hm(22, 30) });
    if (i < 5) shifts.push({ desk: gardenDesk, project: w.garden.id, user: reception, date, from: hm(8, 30), to: hm(18) });
    else shifts.push({ desk: gardenDesk, project: w.garden.id, user: supervisor, date, from: hm(9), to: hm(17) });
  }
  await tx.insertInto('shifts').values(shifts.map((s) => ({
    id: newId(), project_id: s.project, desk_id: s.desk, user_id: s.user, date: s.date, start_at: at(s.date, s.from), end_at: at(s.date, s.to), note: null, created_by: supervisor, created_at: now,
  }))).execute();

  // ---------------------------------------------------------------- keys
  const keyRows = [
    { p: w.mall.id, label: 'M-01', opens: '一楼服务台物品柜', location: '服务台抽屉（上锁）', copies: 2 },
    { p: w.mall.id, label: 'M-02', opens: 'L1 背景音乐机房', location: '服务台钥匙柜 A1', copies: 1 },
    { p: w.mall.id, label: 'M-03', opens: 'L3 空置商铺 L3-015', location: '服务台钥匙柜 A2', copies: 1 },
    { p: w.mall.id, label: 'M-04', opens: '消防通道卷帘门控制箱', location: '服务台钥匙柜 A3', copies: 1 },
    { p: w.garden.id, label: 'G-01', opens: '会所活动室', location: '前台钥匙柜 1 号', copies: 2 },
    { p: w.garden.id, label: 'G-02', opens: '1栋天台门', location: '前台钥匙柜 2 号', copies: 1 },
  ];
  const keyIds: string[] = [];
  for (const k of keyRows) {
    const id = newId();
    keyIds.push(id);
    await tx.insertInto('desk_keys').values({ id, project_id: k.p, label: k.label, opens: k.opens, unit_id: null, location: k.location, copies: k.copies, out_count: 0, created_at: now, updated_at: now }).execute();
  }
  const loans = [
    { key: 2, p: w.mall.id, borrower: '装修队 王师傅', phone: '13611112222', purpose: '商铺量房', lent: nowMs - 5 * 3_600_000, due: nowMs - 3 * 3_600_000, by: mallfront },
    { key: 5, p: w.garden.id, borrower: '工程部 张海涛', phone: '13900001006', purpose: '天台水箱检查', lent: nowMs - 3_600_000, due: nowMs + 3_600_000, by: reception },
  ];
  for (const l of loans) {
    await tx.insertInto('key_loans').values({
      id: newId(), project_id: l.p, key_id: keyIds[l.key]!, borrower: l.borrower, borrower_phone: l.phone, purpose: l.purpose, lent_at: new Date(l.lent).toISOString(),
      due_at: new Date(l.due).toISOString(), returned_at: null, lent_by: l.by, returned_by: null,
    }).execute();
    await tx.updateTable('desk_keys').set({ out_count: 1 }).where('id', '=', keyIds[l.key]!).execute();
  }

  // ---------------------------------------------------------------- calls
  const calls = [
    { p: w.mall.id, number: '13712345678', name: '刘先生', mins: 180, rings: 1, points: '咨询周末停车收费标准', cb: false, by: mallfront },
    { p: w.mall.id, number: '13822223333', name: '陈女士', mins: 150, rings: 1, points: 'L2 童装店退货纠纷，要求商场协调', cb: true, due: -30, by: mallfront },
    { p: w.mall.id, number: '075586112233', name: 'L3-008 奶茶店', mins: 40, rings: 0, points: '店内空调不制冷', cb: true, due: 80, by: mallfront2 },
    { p: w.garden.id, number: '13533334444', name: null, mins: 90, rings: 1, points: '询问物业费缴纳方式', cb: false, by: reception },
  ];
  for (const c of calls) {
    const atIso = new Date(nowMs - c.mins * MIN).toISOString();
    await tx.insertInto('calls').values({
      id: newId(), project_id: c.p, direction: 'in', number: c.number, caller_name: c.name, resident_id: null, at: atIso, within_three_rings: c.rings, ring_seconds: null,
      key_points: c.points, callback_needed: c.cb ? 1 : 0, callback_due_at: c.cb ? new Date(nowMs + (c.due ?? 0) * MIN).toISOString() : null, callback_done_at: null, callback_note: null,
      ticket_id: null, taken_by: c.by, created_at: atIso,
    }).execute();
  }

  // ---------------------------------------------------------------- directory
  const longAgo = new Date(nowMs - 120 * 86_400_000).toISOString();
  const entries = [
    { p: w.mall.id, cat: 'staff', name: '林建华', org: '丽悦新天购物中心', title: '总经理', phone: '13902345678', conf: 1 },
    { p: w.mall.id, cat: 'staff', name: '黄志伟', org: '营运部', title: '营运经理', phone: '13923456789', conf: 1 },
    { p: w.mall.id, cat: 'department', name: '营运部', org: '丽悦新天购物中心', title: null, phone: '0755-86661200', conf: 0 },
    { p: w.mall.id, cat: 'department', name: '工程部值班', org: '丽悦新天购物中心', title: null, phone: '0755-86661210', conf: 0 },
    { p: w.mall.id, cat: 'department', name: '消防控制室', org: '丽悦新天购物中心', title: null, phone: '0755-86661119', conf: 0 },
    { p: w.mall.id, cat: 'supplier', name: '迅达电梯维保', org: '迅达（中国）', title: null, phone: '400-820-6666', conf: 0, old: true },
    { p: w.mall.id, cat: 'utility', name: '供电抢修', org: '深圳供电局', title: null, phone: '95598', conf: 0 },
    { p: w.mall.id, cat: 'emergency', name: '火警', org: null, title: null, phone: '119', conf: 0 },
    { p: w.mall.id, cat: 'emergency', name: '急救', org: null, title: null, phone: '120', conf: 0 },
    { p: w.garden.id, cat: 'staff', name: '周建国', org: '丽景客户服务中心', title: '客服中心主任', phone: '13900001001', conf: 1 },
    { p: w.garden.id, cat: 'department', name: '客服中心前台', org: '丽景客户服务中心', title: null, phone: '0755-86001234', conf: 0 },
    { p: w.garden.id, cat: 'utility', name: '自来水报修', org: '深圳水务', title: null, phone: '0755-82137777', conf: 0, old: true },
    { p: w.garden.id, cat: 'emergency', name: '报警', org: null, title: null, phone: '110', conf: 0 },
  ];
  await tx.insertInto('directory_entries').values(entries.map((e) => ({
    id: newId(), project_id: e.p, category: e.cat, internal: e.cat === 'staff' || e.cat === 'department' ? 1 : 0, name: e.name, organization: e.org, title: e.title,
    phone: e.phone, alt_phone: null, confidential: e.conf, note: null, confirmed_at: 'old' in e ? longAgo : now, created_at: now, updated_at: now,
  }))).execute();

  // ---------------------------------------------------------------- incidents
  const closedId = newId();
  const openId = newId();
  const yesterday = new Date(nowMs - 86_400_000).toISOString();
  await tx.insertInto('incidents').values([
    { id: closedId, project_id: w.mall.id, title: '儿童与家长走散', description: 'L2 中庭一名约5岁男孩与家长走散', location: 'L2 中庭', severity: 'medium', status: 'closed', reported_by: '赵欣怡', occurred_at: yesterday, outcome: '广播寻人，10分钟后家长到服务台领回', closed_at: new Date(nowMs - 86_000_000).toISOString(), created_by: mallfront, created_at: yesterday, updated_at: yesterday },
    { id: openId, project_id: w.mall.id, title: 'B1 停车场积水', description: '暴雨导致 B1 入口处积水约5厘米', location: 'B1 停车场入口', severity: 'high', status: 'open', reported_by: '保安 马国强', occurred_at: new Date(nowMs - 40 * MIN).toISOString(), outcome: null, closed_at: null, created_by: mallfront2, created_at: new Date(nowMs - 40 * MIN).toISOString(), updated_at: now },
  ]).execute();
  await tx.insertInto('incident_escalations').values([
    { incident_id: closedId, target: 'supervisor', notified_at: yesterday, acknowledged_at: yesterday, acknowledged_by: supervisor },
    { incident_id: openId, target: 'supervisor', notified_at: new Date(nowMs - 40 * MIN).toISOString(), acknowledged_at: new Date(nowMs - 35 * MIN).toISOString(), acknowledged_by: supervisor },
    { incident_id: openId, target: 'operations', notified_at: new Date(nowMs - 40 * MIN).toISOString(), acknowledged_at: null, acknowledged_by: null },
  ]).execute();
  await tx.insertInto('incident_actions').values([
    { id: newId(), incident_id: closedId, at: yesterday, by_user_id: mallfront, text: '广播寻人，通知各出入口保安留意' },
    { id: newId(), incident_id: openId, at: new Date(nowMs - 30 * MIN).toISOString(), by_user_id: mallfront2, text: '已通知工程部抽水，入口放置警示牌' },
  ]).execute();

  // ---------------------------------------------------------------- notices
  const instruction = newId();
  const report = newId();
  await tx.insertInto('notices').values([
    { id: instruction, project_id: w.mall.id, direction: 'down', kind: 'instruction', title: '周末促销期间前台双人值守', body: '本周六、周日促销活动，服务台 14:00–20:00 须两人值守；临时离岗须有人代岗后方可离开。', audience_roles: JSON.stringify(['receptionist']), require_ack: 1, pinned: 1, attachment_ids: '[]', author_id: supervisor, created_at: now },
    { id: report, project_id: w.mall.id, direction: 'up', kind: 'report', title: 'B1 停车场积水情况报告', body: '40分钟前 B1 入口积水，已通知工程部处理，营运部尚未确认。', audience_roles: '[]', require_ack: 0, pinned: 0, attachment_ids: '[]', author_id: mallfront2, created_at: now },
  ]).execute();
  await tx.insertInto('notice_receipts').values([
    { notice_id: instruction, user_id: mallfront, read_at: now, acknowledged_at: now },
    { notice_id: instruction, user_id: mallfront2, read_at: null, acknowledged_at: null },
    { notice_id: instruction, user_id: reception, read_at: null, acknowledged_at: null },
    { notice_id: report, user_id: supervisor, read_at: null, acknowledged_at: null },
    { notice_id: report, user_id: w.users.get('director')!, read_at: null, acknowledged_at: null },
  ]).execute();

  return [{ username: 'mallfront2', password: w.password, role: 'receptionist', where: w.mall.name }];
}
