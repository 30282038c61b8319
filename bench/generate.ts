/**
 * Benchmark data: a group with 100k units, 300k residents and 1M tickets (with work orders for
 * dispatched repairs) in a SQLite file, with realistic mixes of kinds, states and dates.
 *
 *   npx tsx bench/generate.ts [--units 100000] [--residents 300000] [--tickets 1000000] [--out bench/data/bench.db]
 *
 * Schema, roles and the admin come from the app's own bootstrap; the bulk rows are written with
 * raw prepared statements in large transactions (this is a generator, not application code).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../apps/server/src/db/database.js';
import { bootstrap } from '../apps/server/src/bootstrap/bootstrap.js';
import { newId, newSecret } from '../apps/server/src/lib/ids.js';
import { sha256 } from '../apps/server/src/modules/auth/auth.service.js';
import { mobile, personName, prng } from '../apps/server/src/bootstrap/demo-data.js';
import { TICKET_PREFIX, type TicketKind } from '@propdesk/contracts';
import { counterKey } from '../apps/server/src/modules/tickets/ticket.policy.js';

const arg = (name: string, def: number | string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : String(def);
};
const UNITS = Number(arg('units', 100_000));
const RESIDENTS = Number(arg('residents', 300_000));
const TICKETS = Number(arg('tickets', 1_000_000));
const OUT = path.resolve(arg('out', 'bench/data/bench.db') as string);
const PROJECTS = Math.max(1, Math.round(UNITS / 2000));
const CENTERS = Math.max(1, Math.round(PROJECTS / 5));

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  for (const f of [OUT, `${OUT}-wal`, `${OUT}-shm`]) fs.rmSync(f, { force: true });
  const database = await openDatabase(`sqlite:${OUT}`);
  await bootstrap(database, { adminPassword: 'bench-admin-password', demo: false, groupName: '基准测试集团' });
  await database.close();

  const db = new Database(OUT);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rnd = prng(42);
  const now = new Date().toISOString();
  const group = db.prepare(`select id, path from org_units where kind = 'group'`).get() as { id: string; path: string };
  const insOrg = db.prepare(`insert into org_units (id, parent_id, kind, name, code, project_type, address, phone, timezone, path, project_id, created_at, updated_at)
    values (?, ?, ?, ?, null, ?, null, null, 'Asia/Shanghai', ?, ?, ?, ?)`);
  const org = (parent: { id: string; path: string }, kind: string, name: string, projectType: string | null = null, projectId: string | null = null) => {
    const id = newId();
    const p = `${parent.path}${id}/`;
    insOrg.run(id, parent.id, kind, name, projectType, p, kind === 'project' ? id : projectId, now, now);
    return { id, path: p };
  };

  const projects: { id: string; path: string; buildings: string[]; units: string[]; center: string; teams: string[] }[] = [];
  // What intake fills in from the unit: its building and the zone that building belongs to.
  const unitPlace = new Map<string, { building: string; zone: string }>();
  const adminId = (db.prepare(`select id from users where username = 'admin'`).get() as { id: string }).id;
  const insTeam = db.prepare(`insert into teams (id, project_id, name, kind, leader_id, created_at, updated_at) values (?, ?, ?, 'maintenance', null, ?, ?)`);
  const insZone = db.prepare(`insert into zones (id, project_id, name, team_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  const insZb = db.prepare(`insert into zone_buildings (zone_id, building_id, project_id) values (?, ?, ?)`);
  const insUnit = db.prepare(`insert into units (id, project_id, building_id, number, floor, gross_area, kind, state, note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'residence', ?, null, ?, ?)`);
  db.transaction(() => {
    const company = org(group, 'company', '基准物业公司');
    let unitCount = 0;
    for (let c = 0; c < CENTERS; c++) {
      const center = org(company, 'center', `第${c + 1}客服中心`);
      for (let p = 0; p < PROJECTS / CENTERS && projects.length < PROJECTS; p++) {
        const project = org(center, 'project', `项目${projects.length + 1}`, projects.length % 10 === 9 ? 'mall' : 'residential');
        const entry = { ...project, buildings: [] as string[], units: [] as string[], center: center.id, teams: [] as string[] };
        for (let z = 0; z < 3; z++) {
          const team = newId();
          insTeam.run(team, project.id, `维修${z + 1}班`, now, now);
          entry.teams.push(team);
        }
        const zones = entry.teams.map((team, z) => {
          const id = newId();
          insZone.run(id, project.id, `${z + 1}区`, team, now, now);
          return id;
        });
        for (let b = 0; b < 20 && unitCount < UNITS; b++) {
          const building = org(project, 'building', `${b + 1}栋`, null, project.id);
          entry.buildings.push(building.id);
          const zone = zones[b % 3]!;
          insZb.run(zone, building.id, project.id);
          for (let u = 0; u < 100 && unitCount < UNITS; u++, unitCount++) {
            const id = newId();
            insUnit.run(id, project.id, building.id, `${Math.floor(u / 4) + 1}${String((u % 4) + 1).padStart(2, '0')}`, Math.floor(u / 4) + 1, 8000 + Math.floor(rnd() * 6000), rnd() < 0.85 ? 'occupied' : 'vacant', now, now);
            entry.units.push(id);
            unitPlace.set(id, { building: building.id, zone });
          }
        }
        projects.push(entry);
      }
    }
  })();
  console.log(`org + units: ${projects.length} projects, ${projects.reduce((n, p) => n + p.units.length, 0)} units (${Date.now() - t0} ms)`);

  const insRes = db.prepare(`insert into residents (id, project_id, name, phone, phone_rev, id_number, note, created_at, updated_at) values (?, ?, ?, ?, ?, null, null, ?, ?)`);
  const insLink = db.prepare(`insert into resident_units (id, project_id, resident_id, unit_id, relation, start_date, end_date, created_at) values (?, ?, ?, ?, ?, '2020-01-01', null, ?)`);
  const residentsByProject = new Map<string, { id: string; name: string; phone: string; unit: string }[]>();
  db.transaction(() => {
    const allUnits = projects.flatMap((p) => p.units.map((u) => ({ p, u })));
    for (let i = 0; i < RESIDENTS; i++) {
      const { p, u } = allUnits[i % allUnits.length]!;
      const id = newId();
      const phone = mobile(rnd);
      const name = personName(rnd);
      insRes.run(id, p.id, name, phone, [...phone].reverse().join(''), now, now);
      insLink.run(newId(), p.id, id, u, i < allUnits.length ? 'owner' : rnd() < 0.6 ? 'family' : 'tenant', now);
      const list = residentsByProject.get(p.id) ?? [];
      list.push({ id, name, phone, unit: u });
      residentsByProject.set(p.id, list);
    }
  })();
  console.log(`residents: ${RESIDENTS} (${Date.now() - t0} ms)`);

  // Kinds and states as a center sees them: most old tickets are closed, recent ones still open.
  const kinds: [TicketKind, number][] = [['repair', 0.55], ['complaint', 0.12], ['consultation', 0.2], ['suggestion', 0.05], ['help', 0.05], ['praise', 0.03]];
  const pickKind = () => {
    let r = rnd();
    for (const [k, w] of kinds) if ((r -= w) <= 0) return k;
    return 'repair';
  };
  // Group-wide categories (bootstrap's defaults): most tickets are filed under one of their kind's.
  const categories = new Map<string, string[]>();
  for (const c of db.prepare(`select id, kind from ticket_categories where project_id is null and active = 1`).all() as { id: string; kind: string }[]) {
    categories.set(c.kind, [...(categories.get(c.kind) ?? []), c.id]);
  }
  const pickCategory = (kind: string) => {
    const list = categories.get(kind);
    return list && rnd() < 0.8 ? list[Math.floor(rnd() * list.length)]! : null;
  };
  const channels = ['phone', 'phone', 'phone', 'walk_in', 'online', 'letter', 'other'];
  const priorities = ['normal', 'normal', 'normal', 'normal', 'high', 'low', 'urgent'];
  const insTicket = db.prepare(`insert into tickets (id, project_id, center_id, number, kind, channel, status, priority, major, category_id, unit_id, building_id, location, zone_id,
    requester_resident_id, requester_name, requester_phone, requester_phone_rev, title, description, answer, appointment_from, appointment_to, paid, team_id, technician_id, assignee_id,
    created_by, created_at, updated_at, version, sla_clock, response_due_at, arrival_due_at, resolution_due_at, responded_at, arrived_at, resolved_at, closed_at, sla_remaining,
    hold_reason, hold_until, status_before_hold, cancel_reason, escalation_level, visit_due_at, visit_attempts, satisfaction, reopen_count, valid_complaint,
    complaint_against_user_id, complaint_against_team_id, complaint_category)
    values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, ?, null, ?, ?, ?, ?, 1, 'working', ?, null, ?, ?, null, ?, ?, null,
    null, null, null, null, 0, ?, 0, ?, 0, 0, null, null, null)`);
  const insWo = db.prepare(`insert into work_orders (id, project_id, ticket_id, number, team_id, technician_id, status, note, issued_by, issued_at, accepted_at, arrived_at, started_at, finished_at,
    return_reason, work_done, materials, labour_minutes, charge_fen, qr_code, created_at, updated_at, version) values (?, ?, ?, ?, ?, null, ?, null, ?, ?, null, null, null, ?, null, ?, '[]', ?, null, ?, ?, ?, 1)`);
  const seq = new Map<string, number>();
  const span = 730 * 86400_000;
  const end = Date.now();
  const batch = 50_000;
  let workOrders = 0;
  for (let start = 0; start < TICKETS; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(TICKETS, start + batch); i++) {
        const p = projects[Math.floor(rnd() * projects.length)]!;
        const people = residentsByProject.get(p.id)!;
        const person = people[Math.floor(rnd() * people.length)]!;
        const kind = pickKind();
        // Dates grow with i so numbers per day stay in order, like real intake.
        const created = new Date(end - span + Math.floor((i / TICKETS) * span) + Math.floor(rnd() * 60_000));
        const ageDays = (end - created.getTime()) / 86400_000;
        const status = ageDays > 14 ? (rnd() < 0.03 ? 'cancelled' : 'closed') : ageDays > 3 ? ['resolved', 'visited', 'closed', 'in_progress'][Math.floor(rnd() * 4)]! : ['new', 'dispatched', 'in_progress', 'resolved', 'on_hold'][Math.floor(rnd() * 5)]!;
        const local = new Date(created.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
        const key = `${p.id}:${kind}:${local}`;
        const n = (seq.get(key) ?? 0) + 1;
        seq.set(key, n);
        const id = newId(created.getTime());
        const createdIso = created.toISOString();
        const team = kind === 'repair' ? p.teams[Math.floor(rnd() * 3)]! : null;
        const resolved = ['resolved', 'visited', 'closed'].includes(status) ? new Date(created.getTime() + 3600_000 * (1 + rnd() * 30)).toISOString() : null;
        insTicket.run(
          id, p.id, p.center, `${TICKET_PREFIX[kind]}-${local}-${String(n).padStart(4, '0')}`, kind, channels[Math.floor(rnd() * channels.length)], status, priorities[Math.floor(rnd() * priorities.length)],
          pickCategory(kind), person.unit, unitPlace.get(person.unit)!.building, unitPlace.get(person.unit)!.zone, person.id, person.name, person.phone, [...person.phone].reverse().join(''), `${kind === 'repair' ? '报修' : '来电'}：${['水管漏水', '门锁损坏', '电梯异响', '噪音扰民', '物业费咨询', '灯不亮'][i % 6]}`,
          '业主来电反映情况，请尽快处理。', team, adminId, adminId, createdIso, resolved ?? createdIso,
          new Date(created.getTime() + 3600_000).toISOString(), new Date(created.getTime() + 86400_000).toISOString(), status === 'new' ? null : new Date(created.getTime() + 1800_000).toISOString(),
          resolved, status === 'closed' ? resolved : null, status === 'resolved' ? new Date(Date.parse(resolved!) + 86400_000).toISOString() : null,
          status === 'closed' || status === 'visited' ? (rnd() < 0.9 ? 'satisfied' : 'basically_satisfied') : null,
        );
        if (team && status !== 'new' && status !== 'cancelled') {
          workOrders++;
          const done = resolved !== null;
          insWo.run(newId(created.getTime()), p.id, id, `PG-${local}-${String(n).padStart(4, '0')}`, team, done ? 'done' : 'issued', adminId, createdIso, resolved, done ? '已修复' : null, done ? 60 : null, newSecret(24), createdIso, createdIso);
        }
      }
    })();
    process.stdout.write(`\rtickets: ${Math.min(TICKETS, start + batch)} (${Date.now() - t0} ms)`);
  }
  console.log(`\nwork orders: ${workOrders}`);
  // The counters the app allocates from, so new intake continues the generated sequences.
  db.transaction(() => {
    const ins = db.prepare(`insert into counters (key, value) values (?, ?) on conflict (key) do update set value = excluded.value`);
    for (const [k, v] of seq) {
      const [projectId, kind, day] = k.split(':') as [string, TicketKind, string];
      ins.run(counterKey.ticket(projectId, kind, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`), v);
    }
  })();
  // An API token for the load generator.
  const token = `pdk_${newSecret()}`;
  db.prepare(`insert into api_tokens (id, user_id, name, token_hash, prefix, created_at) values (?, ?, 'bench', ?, ?, ?)`).run(newId(), adminId, sha256(token), token.slice(0, 8), now);
  fs.writeFileSync(path.join(path.dirname(OUT), 'token.txt'), token);
  db.pragma('optimize');
  db.exec('analyze');
  db.close();
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${OUT} (admin token in ${path.join(path.dirname(OUT), 'token.txt')})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
