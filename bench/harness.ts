/**
 * What the benchmark scripts share: the real app on the generated database, listening on an
 * ephemeral port of 127.0.0.1, and autocannon firing from its own worker thread (so the load
 * generator does not steal the server's event loop; the machine's other core runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../apps/server/src/config.js';
import { openDatabase, type Database } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildApp } from '../apps/server/src/http/app.js';

export const arg = (name: string, def: number | string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : String(def);
};

export interface BenchApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** The generated database file. */
  file: string;
  /** The admin API token the generator wrote. */
  token: string;
  /** http://127.0.0.1:PORT once listening. */
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the generated database as the server does (WAL, synchronous=NORMAL), applies pending
 * migrations (a new index lands on an existing bench database this way), and builds the real app
 * without background jobs or the web bundle. `extend` registers extra routes before listening.
 */
export async function openBenchApp(opts: { db?: string; extend?: (app: FastifyInstance, b: Omit<BenchApp, 'url' | 'close' | 'app'>) => void | Promise<void> } = {}): Promise<BenchApp> {
  const file = path.resolve(opts.db ?? arg('db', 'bench/data/bench.db'));
  const tokenFile = path.join(path.dirname(file), 'token.txt');
  if (!fs.existsSync(file) || !fs.existsSync(tokenFile)) {
    throw new Error(`${file} or ${tokenFile} is missing: run "npx tsx bench/generate.ts" first`);
  }
  const token = fs.readFileSync(tokenFile, 'utf8').trim();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${file}`,
    PROPDESK_JOBS: '0',
    PROPDESK_WEB_DIST: path.join(path.dirname(file), 'no-web-dist'),
    LOG_LEVEL: 'warn',
  });
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database);
  if (applied.length) console.log(`migrations applied to the bench database: ${applied.join(', ')}`);
  const app = await buildApp({ database, config });
  if (opts.extend) await opts.extend(app, { database, config, file, token });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    app,
    database,
    config,
    file,
    token,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface LoadResult {
  title: string;
  connections: number;
  duration: number;
  /** Completed requests per second (all of them; non-2xx make the run fail anyway). */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  /** 2xx answered during the warm-up (not in the figures; writes still happened). */
  warmupOk: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  title: string;
  url: string;
  connections: number;
  /** Seconds measured, after `warmup` seconds that are not. */
  duration: number;
  warmup: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Bodies each connection cycles through (POST). */
  bodies?: string[];
}

/** Runs autocannon in one worker thread and returns the figures of the measured part. */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const requests = o.bodies?.map((body) => ({ method: o.method ?? 'POST', body }));
  const result = await autocannon({
    title: o.title,
    url: o.url,
    connections: o.connections,
    duration: o.duration,
    workers: 1,
    // A slow scenario should show its latency, not end in client time-outs.
    timeout: 30,
    method: o.method ?? 'GET',
    headers: o.headers,
    ...(requests ? { requests } : {}),
    ...(o.warmup > 0 ? { warmup: { connections: o.connections, duration: o.warmup } } : {}),
  } as autocannon.Options);
  const codes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) codes[code] = Number((s as { count: number | string }).count);
  return {
    title: o.title,
    connections: o.connections,
    duration: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    warmupOk: result.warmup?.['2xx'] ?? 0,
    non2xx: result.non2xx + (result.warmup?.non2xx ?? 0),
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: codes,
  };
}

export function describe(r: LoadResult): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  return (
    `${r.title.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${fmtMs(r.p50)}   p90 ${fmtMs(r.p90)}   p99 ${fmtMs(r.p99)}   max ${fmtMs(r.max)}` +
    `   (${r.ok} 2xx${bad ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : ''}; c=${r.connections}, ${r.duration.toFixed(0)} s)`
  );
}

const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`.padStart(7);

/** What went wrong in a run (non-2xx answers, connection errors, time-outs), or null when every request succeeded. */
export function failures(r: LoadResult): string | null {
  if (r.non2xx + r.errors + r.timeouts === 0 && r.ok > 0) return null;
  return `${r.title.trim()}: ${r.ok} 2xx, ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`;
}

/** A run with any failed request measures nothing useful: stop loudly. */
export function assertAllOk(r: LoadResult): void {
  const f = failures(r);
  if (f) throw new Error(f);
}

/** The machine the figures come from. */
export async function machine(): Promise<string> {
  const os = await import('node:os');
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
