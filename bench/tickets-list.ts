/**
 * GET /api/tickets at 1M tickets: the authenticated, filtered first page, against a bare Fastify
 * route in the same process that runs the same SQL (the page query and the count query the API
 * runs for that filter) through raw better-sqlite3 prepared statements.
 *
 *   npx tsx bench/tickets-list.ts [--db bench/data/bench.db] [--connections 50] [--duration 10] [--warmup 2]
 *                                 [--only project-new|kind-repair|default] [--explain]
 *
 * The SQL is not copied by hand: the ticket service's own list runs once on a Kysely instance with
 * a `log` hook, and the statements it sent about tickets are what the bare route prepares. Both
 * answers are compared once (same ids, same total) before anything is measured.
 *
 * Target (the issue): API throughput ≥ 0.5 × the bare route's, p99 ≤ 25 ms, 50 connections.
 */
import BetterSqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { TicketListQuery } from '@propdesk/contracts';
import type { DB } from '../apps/server/src/db/schema.js';
import { SQLITE_PRAGMAS, type Database } from '../apps/server/src/db/database.js';
import type { Ctx } from '../apps/server/src/http/context.js';
import { authService } from '../apps/server/src/modules/auth/auth.service.js';
import { ticketService } from '../apps/server/src/modules/tickets/ticket.service.js';
import { arg, describe, failures, load, machine, openBenchApp, type LoadResult } from './harness.js';

const CONNECTIONS = Number(arg('connections', 50));
const DURATION = Number(arg('duration', 10));
const WARMUP = Number(arg('warmup', 2));
const ONLY = arg('only', '');
const EXPLAIN = process.argv.includes('--explain');
/** Load the API only (for a CPU profile of it: node --cpu-prof --import tsx bench/tickets-list.ts --api-only). */
const API_ONLY = process.argv.includes('--api-only');

interface Scenario {
  name: string;
  /** The API's query string for the first page. */
  query: string;
  /** The statements the service ran about tickets, prepared on the raw connection. */
  statements?: { sql: string; parameters: readonly unknown[]; stmt: BetterSqlite.Statement }[];
}

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

async function main() {
  const raw = { conn: null as BetterSqlite.Database | null };
  const scenarios: Scenario[] = [];

  const bench = await openBenchApp({
    extend: async (app, { file }) => {
      // The bare route's own connection to the same file, set up as openDatabase sets up the app's.
      const conn = new BetterSqlite(file);
      for (const p of SQLITE_PRAGMAS) conn.pragma(p);
      raw.conn = conn;
      // Outside /api: no access declaration, no sign-in, no schema — only the SQL and JSON.
      app.get<{ Params: { scenario: string } }>('/bench/raw-tickets/:scenario', async (req, reply) => {
        const s = scenarios.find((x) => x.name === req.params.scenario);
        if (!s?.statements) return reply.status(404).send({ error: 'no such scenario' });
        const [page, count] = s.statements;
        const items = page!.stmt.all(...page!.parameters);
        const { n } = count!.stmt.get(...count!.parameters) as { n: number };
        return { items, total: n, page: 1, pageSize: 20 };
      });
    },
  });
  const conn = raw.conn!;
  const auth = { authorization: `Bearer ${bench.token}` };

  // A realistic project: the first one by name (every project has the same mix).
  const project = conn.prepare(`select id, name from org_units where kind = 'project' order by name limit 1`).get() as { id: string; name: string };
  const all: Scenario[] = [
    { name: 'project-new', query: `projectId=${project.id}&status=new&pageSize=20` },
    { name: 'kind-repair', query: 'kind=repair&pageSize=20' },
    { name: 'default', query: 'pageSize=20' },
  ];
  scenarios.push(...all.filter((s) => !ONLY || ONLY.split(',').includes(s.name)));

  // Capture the statements the API's list runs, on a Kysely with a log hook over the raw connection.
  const actor = await authService.resolveActor(bench.database, bench.config, { bearer: bench.token });
  if (!actor) throw new Error('the token in bench/data/token.txt does not sign in');
  let captured: Captured[] = [];
  const logged = new Kysely<DB>({
    dialect: new SqliteDialect({ database: conn }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const loggedDb: Database = { db: logged, dialect: 'sqlite', close: async () => {} };
  const ctx: Ctx = { database: loggedDb, config: bench.config, actor, ip: '127.0.0.1', locale: 'zh-CN' };

  console.log(`machine: ${await machine()}`);
  console.log(`database: ${bench.file} (${count(conn, 'tickets')} tickets); project "${project.name}" = ${project.id}`);
  // What signing in with the token costs every API request (the project list is cached for a few seconds).
  await authService.resolveActor(loggedDb, bench.config, { bearer: bench.token });
  const signIn = captured.filter((c) => !/from "org_units" where "kind" = \?$/.test(c.sql));
  console.log(`sign-in: ${signIn.length} statements (${signIn.map((c) => /from "(\w+)"/.exec(c.sql)?.[1] ?? c.sql.slice(0, 20)).join(', ')}) when not cached; none while the sign-in cache holds the token`);

  for (const s of scenarios) {
    captured = [];
    const q = TicketListQuery.parse(Object.fromEntries(new URLSearchParams(s.query)));
    await ticketService.list(ctx, q);
    const aboutTickets = captured.filter((c) => /from "tickets" as "t"/.test(c.sql));
    if (aboutTickets.length !== 2 || !/ limit /.test(aboutTickets[0]!.sql) || !/count\(\*\)/.test(aboutTickets[1]!.sql)) {
      throw new Error(`${s.name}: expected the page query then the count query, got:\n${aboutTickets.map((c) => c.sql).join('\n')}`);
    }
    s.statements = aboutTickets.map((c) => ({ ...c, stmt: conn.prepare(c.sql) }));
    console.log(`\n[${s.name}] GET /api/tickets?${s.query}`);
    console.log(`  statements the list runs: ${captured.length} (+ the sign-in's); about tickets:`);
    for (const c of aboutTickets) {
      console.log(`    ${shorten(c.sql)}`);
      if (EXPLAIN) {
        for (const row of conn.prepare(`explain query plan ${c.sql}`).all(...c.parameters) as { detail: string }[]) console.log(`      plan: ${row.detail}`);
      }
    }
    // Same answer from both routes, or the comparison means nothing.
    const api = await bench.app.inject({ method: 'GET', url: `/api/tickets?${s.query}`, headers: auth });
    const bare = await bench.app.inject({ method: 'GET', url: `/bench/raw-tickets/${s.name}` });
    if (api.statusCode !== 200 || bare.statusCode !== 200) throw new Error(`${s.name}: API ${api.statusCode} ${api.body.slice(0, 300)}; bare ${bare.statusCode}`);
    const a = api.json() as { items: { id: string }[]; total: number };
    const b = bare.json() as { items: { id: string }[]; total: number };
    if (a.total !== b.total || a.items.map((i) => i.id).join() !== b.items.map((i) => i.id).join()) {
      throw new Error(`${s.name}: the bare route answers differently (total ${b.total} vs ${a.total})`);
    }
    console.log(`  ${a.total} matching tickets, ${a.items.length} on the page; SQL of one request: ${timeOnce(() => { s.statements!.forEach((st, i) => (i === 0 ? st.stmt.all(...st.parameters) : st.stmt.get(...st.parameters))); })} ms`);
  }

  const results: { s: Scenario; bare: LoadResult; api: LoadResult }[] = [];
  const failed: string[] = [];
  for (const s of scenarios) {
    console.log(`\n[${s.name}] ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s`);
    if (API_ONLY) {
      const api = await load({ title: `API   /api/tickets?${s.query.replace(project.id, '<project>')}`, url: `${bench.url}/api/tickets?${s.query}`, headers: auth, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP });
      console.log(`  ${describe(api)}`);
      continue;
    }
    const bare = await load({ title: `bare  /bench/raw-tickets/${s.name}`, url: `${bench.url}/bench/raw-tickets/${s.name}`, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP });
    console.log(`  ${describe(bare)}`);
    const api = await load({ title: `API   /api/tickets?${s.query.replace(project.id, '<project>')}`, url: `${bench.url}/api/tickets?${s.query}`, headers: auth, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP });
    console.log(`  ${describe(api)}`);
    for (const f of [failures(bare), failures(api)]) if (f) failed.push(f);
    results.push({ s, bare, api });
  }

  console.log('\nsummary (target: ratio ≥ 0.50, API p99 ≤ 25 ms)');
  for (const { s, bare, api } of results) {
    const ratio = api.rps / bare.rps;
    const verdict = failures(bare) || failures(api) ? 'FAILED REQUESTS' : ratio >= 0.5 && api.p99 <= 25 ? 'meets target' : 'MISSES target';
    console.log(
      `  ${s.name.padEnd(12)} API ${api.rps.toFixed(0).padStart(6)} req/s p50 ${api.p50.toFixed(1)} p99 ${api.p99.toFixed(1)} ms | bare ${bare.rps.toFixed(0).padStart(6)} req/s p50 ${bare.p50.toFixed(1)} p99 ${bare.p99.toFixed(1)} ms | ratio ${ratio.toFixed(2)}  ${verdict}`,
    );
  }
  await bench.close();
  conn.close();
  // Every request must have succeeded, or the figures above measure errors: say so and fail.
  if (failed.length) {
    console.error(`\nFAILED REQUESTS — the figures above are not valid:\n  ${failed.join('\n  ')}`);
    process.exitCode = 1;
  }
}

function count(conn: BetterSqlite.Database, table: string): number {
  return (conn.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

function timeOnce(f: () => void): string {
  const t = process.hrtime.bigint();
  f();
  return (Number(process.hrtime.bigint() - t) / 1e6).toFixed(2);
}

function shorten(sql: string): string {
  return sql.replace(/\?(, \?)+/g, '?…').replace(/\s+/g, ' ').slice(0, 400);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
