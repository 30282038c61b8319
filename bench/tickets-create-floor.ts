/**
 * The floor under POST /api/tickets: what the database work of an intake alone costs on this machine.
 *
 *   npx tsx bench/tickets-create-floor.ts [--db bench/data/bench.db] [--intakes 4000]
 *
 * 1. Captures the statements the real intake runs: the app (in process, `inject`, no network)
 *    takes --intakes POSTs with the same bodies as tickets-create.ts on a copy of the database,
 *    and every statement better-sqlite3 runs between an intake's BEGIN and COMMIT is recorded with
 *    its parameters. Nothing is written by hand, so the floor follows the code.
 * 2. Replays them through raw prepared statements (prepared once) on a fresh copy of the same
 *    database, with the app's pragmas: one transaction per intake, as the app commits each intake
 *    before it answers 201; then, for comparison, ten and fifty intakes per transaction (a group commit).
 *
 * It prints µs and intakes/s of SQL alone for each: no HTTP, no validation, no JSON, no Kysely.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { SQLITE_PRAGMAS } from '../apps/server/src/db/database.js';
import { arg, machine, openBenchApp } from './harness.js';
import { copyDatabase, intakeBodies } from './intake.js';

const SOURCE = path.resolve(arg('db', 'bench/data/bench.db'));
const INTAKES = Number(arg('intakes', 4000));
const COPY = path.join(path.dirname(SOURCE), 'create.db');

interface Statement {
  sql: string;
  method: 'run' | 'all' | 'get';
  parameters: unknown;
}

async function main() {
  console.log(`machine: ${await machine()}`);
  // 1. Capture: wrap the statement methods better-sqlite3 gives every prepared statement.
  const intakes: Statement[][] = [];
  let current: Statement[] | null = null;
  const proto = Object.getPrototypeOf(new BetterSqlite(':memory:').prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  const originals = new Map<string, (...a: unknown[]) => unknown>();
  for (const method of ['run', 'all', 'get'] as const) {
    const original = proto[method]!;
    originals.set(method, original);
    proto[method] = function capture(this: BetterSqlite.Statement, ...args: unknown[]) {
      const sql = this.source;
      if (/^\s*begin\b/i.test(sql)) current = [];
      else if (/^\s*commit\b/i.test(sql)) {
        if (current) intakes.push(current);
        current = null;
      } else if (current) current.push({ sql, method, parameters: structuredClone(args[0] ?? []) });
      return original.apply(this, args);
    };
  }
  copyDatabase(SOURCE, COPY);
  const bench = await openBenchApp({ db: COPY });
  const conn = new BetterSqlite(COPY, { readonly: true });
  const bodies = intakeBodies(conn);
  conn.close();
  for (let i = 0; i < INTAKES; i++) {
    const r = await bench.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: `Bearer ${bench.token}`, 'content-type': 'application/json' },
      payload: bodies[i % bodies.length],
    });
    if (r.statusCode !== 201) throw new Error(`intake ${i}: ${r.statusCode} ${r.body}`);
  }
  await bench.close();
  for (const [method, original] of originals) proto[method] = original;
  if (intakes.length !== INTAKES) throw new Error(`captured ${intakes.length} transactions for ${INTAKES} intakes`);
  const perIntake = intakes.reduce((s, t) => s + t.length, 0) / intakes.length;
  console.log(`captured ${intakes.length} intakes, ${perIntake.toFixed(1)} statements each besides BEGIN and COMMIT`);

  // 2. Replay on a fresh copy for each way of committing.
  for (const perTransaction of [1, 10, 50]) {
    copyDatabase(SOURCE, COPY);
    const db = new BetterSqlite(COPY);
    for (const p of SQLITE_PRAGMAS) db.pragma(p);
    const prepared = new Map<string, BetterSqlite.Statement>();
    const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
    const begin = db.prepare('begin');
    const commit = db.prepare('commit');
    const start = performance.now();
    for (let i = 0; i < intakes.length; i += perTransaction) {
      begin.run();
      for (const intake of intakes.slice(i, i + perTransaction)) {
        for (const s of intake) (statement(s.sql)[s.method] as (p: unknown) => unknown)(s.parameters);
      }
      commit.run();
    }
    const ms = performance.now() - start;
    db.close();
    const label = perTransaction === 1 ? 'one transaction per intake (as the app)' : `${perTransaction} intakes per transaction`;
    console.log(`  ${label.padEnd(40)} ${((ms / intakes.length) * 1000).toFixed(0).padStart(5)} µs per intake  ${((intakes.length / ms) * 1000).toFixed(0).padStart(6)} intakes/s  (SQL alone)`);
  }
  for (const f of [COPY, `${COPY}-wal`, `${COPY}-shm`]) fs.rmSync(f, { force: true });
  console.log('target of POST /api/tickets: ≥ 1500 created/s, p99 ≤ 50 ms at 50 connections (HTTP, validation and the rest come on top of these)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
