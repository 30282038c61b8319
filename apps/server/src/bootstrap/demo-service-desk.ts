/**
 * Two weeks of the service desk (服务台) for the demo, laid down through the real services — intake,
 * dispatch, the technician's accept / start / finish, return visits, closing — with the clock set
 * back to when each step happened (`atTime`), so numbers, SLA deadlines, timelines, notifications
 * and audit records are exactly what the desk would have produced. Runs once, right after the demo
 * data is created and before the server listens.
 *
 * 丽景花园: closed repairs, complaints and consultations of the last two weeks; three repairs waiting
 * for their return visit (回访); one visited "unsatisfied" and reopened; 张海涛 (tech) with two
 * orders to accept and two in progress; one repair long overdue; one on hold for parts; new calls
 * of this morning waiting for dispatch; a major complaint (重大投诉) escalated at intake.
 * 丽悦新天购物中心: two new calls at the mall desk.
 */
import { CreateTicketBody, DispatchBody, FinishWorkBody, HoldBody, ResolveBody, ReturnVisitBody, StartWorkBody, type Channel, type TicketKind, type VisitOutcome } from '@propdesk/contracts';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Ctx } from '../http/context.js';
import { atTime } from '../lib/time.js';
import { actorForUser } from '../modules/auth/auth.service.js';
import { createTicket } from '../modules/tickets/ticket.intake.js';
import { ticketTransitions } from '../modules/tickets/ticket.transitions.js';
import { workOrderService } from '../modules/work-orders/work-order.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Caller {
  residentId: string;
  unitId: string;
}

interface Repair {
  /** Days before today (local), and the local hour of the call. */
  daysAgo: number;
  hour: number;
  description: string;
  /** The group-wide category (bootstrap's defaults) it is filed under. */
  category: string;
  /** How far it got. */
  upTo: 'new' | 'dispatched' | 'accepted' | 'started' | 'finished' | 'visited' | 'closed';
  visit?: VisitOutcome;
  /** Dispatched to 张海涛 himself (his zone's units), not just to the zone's team. */
  toTech?: boolean;
  workDone?: string;
  materials?: { name: string; quantity: number; unitPriceFen: number }[];
}

const REPAIRS: Repair[] = [
  { daysAgo: 13, hour: 9, category: '管道疏通', description: '卫生间地漏返水，地面有积水', upTo: 'closed', visit: 'satisfied', workDone: '疏通地漏，更换防臭芯', materials: [{ name: '防臭地漏芯', quantity: 1, unitPriceFen: 2800 }] },
  { daysAgo: 12, hour: 10, category: '停电跳闸', description: '客厅插座无电，空开跳闸合不上', upTo: 'closed', visit: 'satisfied', workDone: '更换损坏插座，检查线路绝缘正常', materials: [{ name: '五孔插座', quantity: 1, unitPriceFen: 1500 }] },
  { daysAgo: 11, hour: 14, category: '门窗', description: '入户门锁芯卡滞，钥匙难以转动', upTo: 'closed', visit: 'basically_satisfied', workDone: '清洗锁芯并润滑，调整门扇' },
  { daysAgo: 10, hour: 15, category: '漏水', description: '厨房水槽下水管漏水', upTo: 'closed', visit: 'satisfied', workDone: '更换下水软管及密封圈', materials: [{ name: '下水软管', quantity: 1, unitPriceFen: 2200 }] },
  { daysAgo: 9, hour: 9, category: '公共设施', description: '楼道感应灯不亮', upTo: 'closed', visit: 'satisfied', workDone: '更换感应灯头' },
  { daysAgo: 8, hour: 11, category: '其他', description: '阳台晾衣架升降绳断裂', upTo: 'closed', visit: 'satisfied', workDone: '更换钢丝绳，调试升降正常', materials: [{ name: '晾衣架钢丝绳', quantity: 2, unitPriceFen: 1200 }] },
  { daysAgo: 7, hour: 16, category: '漏水', description: '马桶水箱一直流水', upTo: 'closed', visit: 'basically_satisfied', workDone: '更换进水阀', materials: [{ name: '马桶进水阀', quantity: 1, unitPriceFen: 3500 }] },
  { daysAgo: 6, hour: 10, category: '门窗', description: '单元门闭门器漏油，关门撞击声大', upTo: 'closed', visit: 'satisfied', workDone: '更换闭门器' },
  { daysAgo: 5, hour: 9, category: '水电', description: '卫生间浴霸不工作', upTo: 'accepted', toTech: false, workDone: undefined },
  { daysAgo: 4, hour: 14, category: '水电', description: '热水器出水忽冷忽热', upTo: 'visited', visit: 'unsatisfied', workDone: '清洗热水器过滤网' },
  { daysAgo: 3, hour: 10, category: '门窗', description: '卧室窗户推拉不顺，有异响', upTo: 'closed', visit: 'satisfied', workDone: '更换滑轮，调整窗扇' },
  { daysAgo: 2, hour: 15, category: '管道疏通', description: '阳台地漏堵塞', upTo: 'finished', workDone: '疏通地漏' },
  { daysAgo: 1, hour: 9, category: '水电', description: '厨房吸顶灯闪烁', upTo: 'finished', workDone: '更换灯管镇流器', materials: [{ name: '镇流器', quantity: 1, unitPriceFen: 1800 }] },
  { daysAgo: 1, hour: 11, category: '门窗', description: '卧室门把手松动脱落', upTo: 'finished', workDone: '紧固门把手，更换螺丝' },
  { daysAgo: 1, hour: 16, category: '漏水', description: '洗手盆龙头滴水', upTo: 'dispatched', toTech: true },
  { daysAgo: 0, hour: -4, category: '水电', description: '入户门铃不响', upTo: 'started', toTech: true },
  { daysAgo: 0, hour: -3, category: '漏水', description: '厨房水龙头漏水，已关闭总阀', upTo: 'accepted', toTech: true },
  { daysAgo: 0, hour: -2, category: '门窗', description: '防盗门猫眼脱落', upTo: 'dispatched', toTech: true },
  { daysAgo: 0, hour: -1, category: '漏水', description: '卫生间天花板渗水，疑似楼上漏水', upTo: 'new' },
  { daysAgo: 0, hour: -0.5, category: '停电跳闸', description: '客厅灯开关接触不良', upTo: 'new' },
];

export async function seedServiceDeskDemo(database: Database, config: Config): Promise<void> {
  const { db } = database;
  const project = async (name: string) => (await db.selectFrom('org_units').select('id').where('kind', '=', 'project').where('name', '=', name).executeTakeFirst())?.id;
  const garden = await project('丽景花园');
  const mall = await project('丽悦新天购物中心');
  if (!garden || !mall) return;
  const userId = async (username: string) => (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const as = async (username: string): Promise<Ctx> => ({ database, config, actor: (await actorForUser(database, await userId(username)))!, ip: 'demo-seed', locale: 'zh-CN' });
  const reception = await as('reception');
  const supervisor = await as('supervisor');
  const tech = await as('tech');
  const mallfront = await as('mallfront');

  // Owners of 丽景花园: those in 张海涛's zone (东区) for his own orders, and the rest.
  const eastZone = await db.selectFrom('zones').select('id').where('project_id', '=', garden).where('name', '=', '东区').executeTakeFirstOrThrow();
  const owners = await db
    .selectFrom('resident_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .innerJoin('org_units as b', 'b.id', 'u.building_id')
    .leftJoin('zone_buildings as zb', 'zb.building_id', 'u.building_id')
    .select(['ru.resident_id', 'ru.unit_id', 'zb.zone_id'])
    .where('ru.project_id', '=', garden)
    // 1栋 101 is the browser test's unit for taking fees: no repair charges on it.
    .where((eb) => eb.not(eb.and([eb('b.name', '=', '1栋'), eb('u.number', '=', '101')])))
    .where('ru.relation', '=', 'owner')
    .where('ru.end_date', 'is', null)
    .orderBy('u.number')
    .orderBy('ru.unit_id')
    .limit(400)
    .execute();
  const east: Caller[] = owners.filter((o) => o.zone_id === eastZone.id).map((o) => ({ residentId: o.resident_id, unitId: o.unit_id }));
  const others: Caller[] = owners.filter((o) => o.zone_id && o.zone_id !== eastZone.id).map((o) => ({ residentId: o.resident_id, unitId: o.unit_id }));
  if (east.length < 10 || others.length < 20) return;
  let nextEast = 0;
  let nextOther = 0;

  const categories = await db.selectFrom('ticket_categories').select(['id', 'kind', 'name']).where('project_id', 'is', null).where('active', '=', 1).execute();
  const categoryOf = (kind: TicketKind, name: string) => categories.find((c) => c.kind === kind && c.name === name)?.id;

  const now = Date.now();
  /** `daysAgo` days back at a local (UTC+8) hour; today's calls are hours before now instead. */
  const when = (daysAgo: number, hour: number) => {
    if (daysAgo === 0) return now + hour * HOUR;
    const local = new Date(now + 8 * HOUR - daysAgo * DAY).toISOString().slice(0, 10);
    return Date.parse(`${local}T00:00:00+08:00`) + hour * HOUR;
  };
  const at = <T>(ms: number, work: () => Promise<T>) => atTime(new Date(Math.min(ms, Date.now())).toISOString(), work);

  const intake = (ctx: Ctx, ms: number, body: Record<string, unknown>) => at(ms, () => createTicket(ctx, CreateTicketBody.parse(body)));

  for (const [i, r] of REPAIRS.entries()) {
    const caller = r.toTech ? east[nextEast++ % east.length]! : others[nextOther++ % others.length]!;
    const t0 = when(r.daysAgo, r.daysAgo === 0 ? r.hour : r.hour + (i % 3) * 0.3);
    const channel: Channel = i % 4 === 0 ? 'walk_in' : 'phone';
    const ticket = await intake(reception, t0, {
      projectId: garden, kind: 'repair', channel, unitId: caller.unitId, requesterResidentId: caller.residentId,
      categoryId: categoryOf('repair', r.category), description: r.description, paid: (r.materials?.length ?? 0) > 0,
    });
    if (r.upTo === 'new') continue;
    const dispatch = await at(t0 + 0.15 * HOUR, () =>
      workOrderService.dispatch(reception, ticket.id, DispatchBody.parse(r.toTech ? { technicianId: tech.actor.user.id } : {})),
    );
    if (r.upTo === 'dispatched') continue;
    // Orders of other zones go to their team; its leader takes them.
    const worker = r.toTech ? tech : await leaderCtx(database, dispatch.workOrder.teamId, as);
    const orderId = dispatch.workOrder.id;
    await at(t0 + 0.35 * HOUR, () => workOrderService.accept(worker, orderId));
    if (r.upTo === 'accepted') continue;
    await at(t0 + 0.8 * HOUR, () => workOrderService.start(worker, orderId, StartWorkBody.parse({})));
    if (r.upTo === 'started') continue;
    await at(t0 + 2 * HOUR, () =>
      workOrderService.finish(worker, orderId, FinishWorkBody.parse({
        workDone: r.workDone ?? '已处理', materials: r.materials ?? [], labourMinutes: 40 + (i % 4) * 15,
        // A paid repair (有偿): the parts plus a 30 元 call-out fee.
        ...(r.materials?.length ? { chargeFen: r.materials.reduce((sum, m) => sum + m.quantity * m.unitPriceFen, 0) + 3000 } : {}),
      })),
    );
    if (r.upTo === 'finished') continue;
    const visitAt = t0 + DAY;
    await at(visitAt, () =>
      ticketTransitions.visit(reception, ticket.id, ReturnVisitBody.parse(
        r.visit === 'unsatisfied'
          ? { outcome: 'unsatisfied', serviceRating: 2, technicianRating: 3, comment: '用了一天又开始忽冷忽热，希望再派人看看' }
          : { outcome: r.visit ?? 'satisfied', serviceRating: r.visit === 'basically_satisfied' ? 4 : 5, technicianRating: 5, comment: r.visit === 'basically_satisfied' ? '修好了，上门稍晚' : '师傅很专业' },
      )),
    );
    if (r.upTo === 'visited') continue;
    await at(visitAt + 0.5 * HOUR, () => ticketTransitions.close(supervisor, ticket.id));
  }

  // On hold: the part has to be ordered (waits for the supplier until the day after tomorrow).
  {
    const caller = others[nextOther++ % others.length]!;
    const t0 = when(2, 10);
    const ticket = await intake(reception, t0, { projectId: garden, kind: 'repair', channel: 'phone', unitId: caller.unitId, requesterResidentId: caller.residentId, categoryId: categoryOf('repair', '公共设施'), description: '可视对讲分机黑屏，需更换主板' });
    await at(t0 + 0.5 * HOUR, () => ticketTransitions.hold(supervisor, ticket.id, HoldBody.parse({ reason: '等待厂家配件（对讲主板），预计后天到货', until: new Date(now + 2 * DAY).toISOString() })));
  }

  // Complaints handled by the desk, visited and closed; consultations answered on the spot.
  const complaints: [string, string][] = [['楼上夜间装修噪音扰民', '噪音'], ['小区东门快递堆放占道', '环境卫生'], ['地下车库照明不足', '安全']];
  for (const [i, [description, category]] of complaints.entries()) {
    const caller = others[nextOther++ % others.length]!;
    const t0 = when(10 - i * 3, 10 + i);
    const ticket = await intake(reception, t0, { projectId: garden, kind: 'complaint', channel: 'phone', unitId: caller.unitId, requesterResidentId: caller.residentId, categoryId: categoryOf('complaint', category), description });
    await at(t0 + 3 * HOUR, () => ticketTransitions.resolve(supervisor, ticket.id, ResolveBody.parse({ note: '已与相关方沟通并现场处理，跟进确认已改善' })));
    await at(t0 + DAY, () => ticketTransitions.visit(reception, ticket.id, ReturnVisitBody.parse({ outcome: 'satisfied', serviceRating: 5, comment: '处理及时' })));
    await at(t0 + DAY + HOUR, () => ticketTransitions.close(supervisor, ticket.id));
  }
  const questions: [string, string, string][] = [
    ['物业费可以按年缴纳吗？', '可以，前台和线上均可按年缴纳，收据当场开具。', '收费'],
    ['装修申请需要哪些材料？', '需房产证明、装修图纸、施工单位资质及施工人员身份证复印件。', '装修'],
    ['小区访客车辆如何登记？', '由业主提前在前台或线上登记车牌，门岗核验后放行。', '物业服务'],
  ];
  for (const [i, [description, answer, category]] of questions.entries()) {
    const caller = others[nextOther++ % others.length]!;
    const t0 = when(9 - i * 3, 14);
    const ticket = await intake(reception, t0, { projectId: garden, kind: 'consultation', channel: 'phone', requesterResidentId: caller.residentId, categoryId: categoryOf('consultation', category), description, answer });
    await at(t0 + HOUR, () => ticketTransitions.close(supervisor, ticket.id));
  }

  // This morning: a major complaint (escalated at intake) and two new calls at the mall's desk.
  {
    const caller = others[nextOther++ % others.length]!;
    await intake(reception, now - 1.5 * HOUR, {
      projectId: garden, kind: 'complaint', channel: 'walk_in', unitId: caller.unitId, requesterResidentId: caller.residentId, categoryId: categoryOf('complaint', '服务态度'),
      major: true, priority: 'urgent', description: '电梯困人二十分钟无人响应，业主情绪激动，要求书面答复',
    });
  }
  await intake(mallfront, now - 2.5 * HOUR, { projectId: mall, kind: 'repair', channel: 'walk_in', location: '三楼东侧扶梯', categoryId: categoryOf('repair', '电梯'), description: '扶梯扶手带运行速度与梯级不同步', requesterName: '商户 陈店长', requesterPhone: '13812345678' });
  await intake(mallfront, now - 0.7 * HOUR, { projectId: mall, kind: 'suggestion', channel: 'online', location: '一楼中庭', categoryId: categoryOf('suggestion', '设施改进'), description: '建议中庭增加休息座椅和手机充电桩', requesterName: '顾客 林女士', requesterPhone: '13987654321' });
}

/** The team's leader acts on its orders in the demo. */
async function leaderCtx(database: Database, teamId: string, as: (username: string) => Promise<Ctx>): Promise<Ctx> {
  const row = await database.db.selectFrom('teams as t').innerJoin('users as u', 'u.id', 't.leader_id').select('u.username').where('t.id', '=', teamId).executeTakeFirst();
  if (!row) throw new Error(`demo: team ${teamId} has no leader to work its orders`);
  return as(row.username);
}
