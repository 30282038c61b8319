/**
 * POST /api/tickets on the 1M-ticket database: intake throughput and latency, then a check in the
 * database that every answered 201 is exactly one new ticket with its own number.
 *
 *   npx tsx bench/tickets-create.ts [--db bench/data/bench.db] [--connections 50] [--duration 10] [--warmup 2] [--in-place]
 *
 * Works on a copy (bench/data/create.db, made afresh from --db each run) so the list benchmark's
 * figures do not drift with the tickets created here; --in-place writes into --db itself.
 * The bodies rotate over residents and their units in several projects and over kinds as a
 * reception desk sees them (repairs, complaints, a consultation answered on the spot, a major complaint).
 *
 * Target (the issue): ≥ 1,500 created per second on SQLite, p99 ≤ 50 ms.
 */
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { arg, assertAllOk, describe, load, machine, openBenchApp } from './harness.js';
import { copyDatabase, intakeBodies, PROJECTS } from './intake.js';

const CONNECTIONS = Number(arg('connections', 50));
const DURATION = Number(arg('duration', 10));
const WARMUP = Number(arg('warmup', 2));
const SOURCE = path.resolve(arg('db', 'bench/data/bench.db'));

async function main() {
  const file = process.argv.includes('--in-place') ? SOURCE : copyDatabase(SOURCE, path.join(path.dirname(SOURCE), 'create.db'));

  // Every 201 the route sent, counted on the server: a client may give up on a request the server
  // still completes when the run's time is up, so the database is checked against this count.
  let created = 0;
  const bench = await openBenchApp({
    db: file,
    extend: (app) => {
      app.addHook('onSend', async (req, reply) => {
        if (req.method === 'POST' && req.routeOptions.url === '/api/tickets' && reply.statusCode === 201) created++;
      });
    },
  });
  const conn = new BetterSqlite(file, { readonly: true });
  const bodies = intakeBodies(conn);
  const before = conn.prepare(`select coalesce(max(rowid), 0) as r, count(*) as n from tickets`).get() as { r: number; n: number };

  console.log(`machine: ${await machine()}`);
  console.log(`database: ${file} (${before.n} tickets); ${bodies.length} bodies over ${PROJECTS} projects`);
  const r = await load({
    title: 'POST /api/tickets',
    url: `${bench.url}/api/tickets`,
    method: 'POST',
    headers: { authorization: `Bearer ${bench.token}`, 'content-type': 'application/json' },
    bodies,
    connections: CONNECTIONS,
    duration: DURATION,
    warmup: WARMUP,
  });
  console.log(`  ${describe(r)}`);
  await bench.close();

  // The database: one new ticket per 201, each with its number, timeline entry and audit record.
  const after = conn.prepare(`select count(*) as n, count(distinct project_id || ' ' || number) as numbers from tickets where rowid > ?`).get(before.r) as { n: number; numbers: number };
  const createdEvents = (conn.prepare(`select count(*) as n from ticket_events where type = 'created' and ticket_id in (select id from tickets where rowid > ?)`).get(before.r) as { n: number }).n;
  const audits = (conn.prepare(`select count(*) as n from audit_log where action = 'ticket.create' and entity_id in (select id from tickets where rowid > ?)`).get(before.r) as { n: number }).n;
  conn.close();
  const answered = r.ok + r.warmupOk;
  console.log(`  server sent ${created} × 201 (${answered} reached autocannon: ${r.ok} measured + ${r.warmupOk} in the warm-up; the rest were in flight when a phase ended)`);
  console.log(`  database: ${after.n} new tickets, ${after.numbers} distinct numbers, ${createdEvents} "created" timeline entries, ${audits} audit records`);
  const problems: string[] = [];
  if (after.n !== created) problems.push(`${after.n} new tickets but ${created} × 201`);
  if (answered > created || created - answered > 2 * CONNECTIONS) problems.push(`${created} × 201 sent but ${answered} received`);
  if (after.numbers !== after.n) problems.push(`${after.n - after.numbers} duplicate numbers`);
  if (createdEvents !== after.n || audits !== after.n) problems.push('a ticket without its timeline entry or audit record');
  if (problems.length) throw new Error(`check failed: ${problems.join('; ')}`);
  assertAllOk(r);

  const verdict = r.rps >= 1500 && r.p99 <= 50 ? 'meets target' : 'MISSES target';
  console.log(`\nsummary (target: ≥ 1500 created/s, p99 ≤ 50 ms)`);
  console.log(`  created ${r.rps.toFixed(0)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  non-2xx ${r.non2xx}  (${CONNECTIONS} connections)  ${verdict}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
