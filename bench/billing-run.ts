/**
 * Billing run at scale: one project of 100k units × 3 fee items (物业管理费 by area, 垃圾处理费
 * fixed, 水费 metered with three tiers and a water meter per home) on SQLite, billed for one month
 * through the real run (`commitRun`, one transaction). Printed beside the raw batched-insert
 * rate of the same rows (the run's bills and lines, read back) into twin tables with the same
 * indexes, through raw better-sqlite3 prepared multi-row INSERTs in one transaction, measured in the
 * same process right after. Target: the run ≤ 5 s.
 *
 *   npx tsx bench/billing-run.ts [--units 100000] [--db bench/data/billing.db] [--keep]
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, SQLITE_PRAGMAS } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { newId } from '../apps/server/src/lib/ids.js';
import { nowIso } from '../apps/server/src/lib/time.js';
import { insertOrgUnit } from '../apps/server/src/modules/org/org.service.js';
import { insertFeeItem } from '../apps/server/src/modules/fee-items/fee-items.service.js';
import { billingRepository } from '../apps/server/src/modules/billing/billing.repository.js';
import { commitRun } from '../apps/server/src/modules/billing/billing.service.js';

function arg(name: string, def: string | number): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : String(def);
}
const UNITS = Number(arg('units', 100_000));
const DB = arg('db', 'bench/data/billing.db');
const PERIOD = '2026-10';
const PER_BUILDING = 200;

for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB + suffix, { force: true });
fs.mkdirSync(path.dirname(DB), { recursive: true });

// ------------------------------------------------------------------ setup (not timed)
const t0 = performance.now();
const database = await openDatabase(`sqlite:${DB}`);
await migrateToLatest(database);
const { projectId, buildingIds } = await database.db.transaction().execute(async (tx) => {
  const group = await insertOrgUnit(tx, { kind: 'group', name: '基准集团', parentId: null }, null);
  const company = await insertOrgUnit(tx, { kind: 'company', name: '基准物业', parentId: group.id }, group);
  const center = await insertOrgUnit(tx, { kind: 'center', name: '基准客服中心', parentId: company.id }, company);
  const project = await insertOrgUnit(tx, { kind: 'project', name: '基准花园', parentId: center.id, projectType: 'residential' }, center);
  const ids: string[] = [];
  for (let b = 0; b < Math.ceil(UNITS / PER_BUILDING); b++) ids.push((await insertOrgUnit(tx, { kind: 'building', name: `${b + 1}栋`, parentId: project.id }, project)).id);
  await insertFeeItem(tx, { projectId: project.id, name: '物业管理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'area', rateCentiFen: 23500 } });
  await insertFeeItem(tx, { projectId: project.id, name: '垃圾处理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'fixed', amountFen: 1500 } });
  await insertFeeItem(tx, {
    projectId: project.id, name: '水费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 20, rounding: 'fen', meterKind: 'water',
    pricing: { kind: 'metered', tierBasis: 'calendar_year', tiers: [{ upToMilli: 100_000, priceCentiFen: 30000 }, { upToMilli: 200_000, priceCentiFen: 45000 }, { upToMilli: null, priceCentiFen: 60000 }] },
  });
  return { projectId: project.id, buildingIds: ids };
});
await database.close();

// Units, meters and readings (a baseline in September, October's reading) through raw statements: setup only.
{
  const raw = new Database(DB);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const now = nowIso();
  const unit = raw.prepare('insert into units (id, project_id, building_id, number, floor, gross_area, kind, state, note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const meter = raw.prepare('insert into meters (id, project_id, unit_id, building_id, kind, number, location, digits, active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const reading = raw.prepare(
    'insert into meter_readings (id, meter_id, project_id, period, reading_milli, previous_milli, consumption_milli, kind, reason, status, reviewed_by, reviewed_at, read_on, entered_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  raw.transaction(() => {
    for (let i = 0; i < UNITS; i++) {
      const b = Math.floor(i / PER_BUILDING);
      const floor = 1 + Math.floor((i % PER_BUILDING) / 8);
      const number = `${floor}${String((i % 8) + 1).padStart(2, '0')}`;
      const unitId = newId();
      unit.run(unitId, projectId, buildingIds[b], number, floor, 6000 + (i % 97) * 100, 'residence', 'occupied', null, now, now);
      const meterId = newId();
      meter.run(meterId, projectId, unitId, buildingIds[b], 'water', `W-${b + 1}-${number}`, null, 5, 1, now, now);
      const base = 100_000 + (i % 1000) * 100;
      reading.run(newId(), meterId, projectId, '2026-09', base, null, 0, 'normal', null, 'accepted', null, null, '2026-09-25', null, now);
      const used = 5_000 + (i % 23) * 1_000;
      reading.run(newId(), meterId, projectId, PERIOD, base + used, base, used, 'normal', null, 'accepted', null, null, `${PERIOD}-25`, null, now);
    }
  })();
  raw.close();
}
console.log(`setup: ${UNITS} units, ${UNITS} meters, ${UNITS * 2} readings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ------------------------------------------------------------------ the billing run (timed)
const app = await openDatabase(`sqlite:${DB}`);
const CACHE = arg('cache-kib', 0);
if (Number(CACHE) > 0) await sql.raw(`pragma cache_size = -${Number(CACHE)}`).execute(app.db);
const cpu0 = process.cpuUsage();
const start = performance.now();
const result = await app.db.transaction().execute((tx) => commitRun(tx, { userId: null, audit: { actor: null, ip: null } }, projectId, PERIOD));
const runMs = performance.now() - start;
const runCpu = process.cpuUsage(cpu0);
const lines = result.billed.count;
const bills = result.billed.bills;
const again = performance.now();
const repeat = await app.db.transaction().execute((tx) => commitRun(tx, { userId: null, audit: { actor: null, ip: null } }, projectId, PERIOD));
const repeatMs = performance.now() - again;
// What any run must read (the project's units, water meters and this year's readings), alone.
const readsStart = performance.now();
await Promise.all([
  billingRepository.unitsOfProject(app.db, projectId),
  billingRepository.unitMetersOfProject(app.db, projectId),
  billingRepository.readingsOfProject(app.db, projectId, `${Number(PERIOD.slice(0, 4)) - 1}-01`, PERIOD),
]);
const readsMs = performance.now() - readsStart;
await app.close();

// ------------------------------------------------------------------ raw batched inserts of the same rows (timed)
const raw = new Database(DB);
for (const p of SQLITE_PRAGMAS) raw.pragma(p); // as the app opens it
if (Number(CACHE) > 0) raw.pragma(`cache_size = -${Number(CACHE)}`);
const billRows = raw.prepare('select * from bills').raw().all() as unknown[][];
const lineRows = raw.prepare('select * from bill_lines').raw().all() as unknown[][];
const billCols = raw.prepare('select * from bills limit 1').columns().map((c) => c.name);
const lineCols = raw.prepare('select * from bill_lines limit 1').columns().map((c) => c.name);
// Twin tables built from the real tables' own DDL (columns, foreign keys, the same unique and
// secondary indexes, read from sqlite_master so they cannot drift); the connection's pragmas are the
// app's (foreign keys enforced, the same page cache).
raw.exec('drop table if exists raw_bill_lines; drop table if exists raw_bills;');
for (const table of ['bills', 'bill_lines']) {
  const twin = (s: string) => s.replace(new RegExp(`"?\\b${table}\\b"?(\\s*\\()`), `"raw_${table}"$1`);
  const ddl = raw.prepare(`select type, name, sql from sqlite_master where tbl_name = ? and sql is not null order by type desc`).all(table) as { type: string; name: string; sql: string }[];
  for (const d of ddl) raw.exec(d.type === 'table' ? twin(d.sql) : twin(d.sql).replace(d.name, `raw_${d.name}`));
}
/**
 * One transaction, one prepared single-row INSERT run per row: on SQLite the fastest way found to
 * write these rows (300k lines into a bare table: 2.1–2.6 s, against 3.3 s as multi-row INSERTs of
 * 30,000 parameters each, whose huge bindings cost more than the statements they save).
 */
function batchedInsert(table: string, cols: string[], rows: unknown[][]) {
  const one = raw.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  for (const row of rows) one.run(row);
}
const rawCpu0 = process.cpuUsage();
const rawStart = performance.now();
raw.transaction(() => {
  batchedInsert('raw_bills', billCols, billRows);
  batchedInsert('raw_bill_lines', lineCols, lineRows);
})();
const rawMs = performance.now() - rawStart;
const rawCpu = process.cpuUsage(rawCpu0);
raw.exec('drop table raw_bills; drop table raw_bill_lines;');
// The bare floor: the same rows into tables with nothing but their primary key (no secondary
// index, no foreign key): what writing them costs here at the very least.
raw.exec(`create table raw_bills (${billCols.map((c) => (c === 'id' ? 'id varchar(40) primary key' : c)).join(', ')});
  create table raw_bill_lines (${lineCols.map((c) => (c === 'id' ? 'id varchar(40) primary key' : c)).join(', ')});`);
const bareStart = performance.now();
raw.transaction(() => {
  batchedInsert('raw_bills', billCols, billRows);
  batchedInsert('raw_bill_lines', lineCols, lineRows);
})();
const bareMs = performance.now() - bareStart;
raw.exec('drop table raw_bills; drop table raw_bill_lines;');
raw.close();
if (!process.argv.includes('--keep')) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB + suffix, { force: true });

const rows = lines + bills;
const cpuS = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(2);
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s`;
console.log(`billing run ${PERIOD}: ${lines.toLocaleString('en-US')} lines + ${bills.toLocaleString('en-US')} bills (${(result.billed.totalFen / 100).toLocaleString('en-US')} 元) in ${(runMs / 1000).toFixed(2)} s (CPU ${cpuS(runCpu)} s) — ${rate(rows, runMs)}`);
console.log(`raw insert of the same rows into twins of the real tables: ${(rawMs / 1000).toFixed(2)} s (CPU ${cpuS(rawCpu)} s) — ${rate(rows, rawMs)}; run ÷ raw = ${(runMs / rawMs).toFixed(1)}×`);
console.log(`floor: the reads alone ${(readsMs / 1000).toFixed(2)} s + the rows into tables with only a primary key ${(bareMs / 1000).toFixed(2)} s = ${((readsMs + bareMs) / 1000).toFixed(2)} s, before any index, foreign key, planning or JavaScript row`);
console.log(`repeat run (bills nothing): ${(repeatMs / 1000).toFixed(2)} s, billed ${repeat.billed.count}, already billed ${repeat.skipped.alreadyBilled}`);
console.log(`target ≤ 5 s: ${runMs <= 5000 ? 'met' : 'MISSED'}`);
if (lines !== UNITS * 3 || repeat.billed.count !== 0) {
  console.error(`unexpected counts: ${lines} lines (expected ${UNITS * 3}), repeat billed ${repeat.billed.count}`);
  process.exit(1);
}
