// npm test: everything, from a fresh clone. Installs what is missing (npm packages; as root the
// Debian packages postgresql, chromium, fonts-noto-cjk), typechecks, lints, runs the unit and route
// tests, runs the database tests on SQLite and on a throwaway PostgreSQL it starts and stops,
// builds the app and runs the browser tests in Chromium. Last line: "N passed, N failed".
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bin, ensureDependencies, ensureWebBuild, hasCommand, isRoot, log, root, run } from './lib.mjs';

const out = path.join(root, '.test-output');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const started = Date.now();
let passed = 0;
let failed = 0;
const failures = [];

function step(name, ok) {
  if (!ok) {
    failed++;
    failures.push(name);
  }
}

function readJson(p) {
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds a vitest JSON report to the totals; a missing report counts as a failure. */
function countVitest(name, file, code) {
  const r = readJson(file);
  if (!r) return step(`${name} (no report)`, false);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTests > 0) failures.push(`${name}: ${r.numFailedTests} failed`);
  else if (code !== 0) step(`${name} (exit ${code})`, false);
}

// ---------------------------------------------------------------- system packages
function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasCjkFonts = () => spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "Noto Sans CJK"']).status === 0;

async function ensureSystemPackages() {
  const missing = [];
  if (!postgresBin()) missing.push('postgresql');
  if (!fs.existsSync(chromiumPath)) missing.push('chromium');
  if (!hasCjkFonts()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  if (!isRoot() || !hasCommand('apt-get')) throw new Error(`missing system packages: ${missing.join(', ')} (install them, or run npm test as root on Debian)`);
  log(`installing Debian packages: ${missing.join(' ')}…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) throw new Error('apt-get update failed');
  if ((await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env })) !== 0) throw new Error('apt-get install failed');
}

// ---------------------------------------------------------------- PostgreSQL
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startPostgres() {
  const pgbin = postgresBin();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'propdesk-pg-'));
  const port = await freePort();
  // PostgreSQL refuses to run as root: run it as the postgres user when we are root.
  const asPg = (cmd) => (isRoot() ? ['su', ['postgres', '-s', '/bin/sh', '-c', cmd]] : ['sh', ['-c', cmd]]);
  if (isRoot()) spawnSync('chown', ['postgres:postgres', dataDir]);
  const exec = async (cmd) => {
    const [c, a] = asPg(cmd);
    return run(c, a, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  if ((await exec(`${pgbin}/initdb -D ${dataDir} -U postgres -A trust -E UTF8 --no-locale`)) !== 0) throw new Error('initdb failed');
  const opts = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  if ((await exec(`${pgbin}/pg_ctl -D ${dataDir} -l ${dataDir}/log -w -o '${opts}' start`)) !== 0) throw new Error('PostgreSQL did not start');
  if ((await exec(`${pgbin}/createdb -h 127.0.0.1 -p ${port} -U postgres propdesk_test`)) !== 0) throw new Error('createdb failed');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/propdesk_test`,
    stop: async () => {
      await exec(`${pgbin}/pg_ctl -D ${dataDir} -m fast -w stop`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the run
try {
  await ensureDependencies();
  await ensureSystemPackages();
} catch (e) {
  console.error(`\n[propdesk] ${e.message}`);
  console.log(`0 passed, 1 failed`);
  process.exit(1);
}

log('typecheck');
step('typecheck server', (await run(bin('tsc'), ['-p', 'apps/server/tsconfig.json'])) === 0);
step('typecheck web', (await run(bin('tsc'), ['-p', 'apps/web/tsconfig.json'])) === 0);

log('lint');
step('lint', (await run(bin('eslint'), ['.', '--max-warnings', '0'])) === 0);

log('unit, route and database tests on SQLite');
{
  const file = path.join(out, 'vitest-sqlite.json');
  const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  countVitest('vitest (SQLite)', file, code);
}

log('database tests on PostgreSQL');
{
  let pg = null;
  try {
    pg = await startPostgres();
    const file = path.join(out, 'vitest-postgres.json');
    const code = await run(bin('vitest'), ['run', '.db.test.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
      env: { TEST_DATABASE_URL: pg.url },
    });
    countVitest('vitest (PostgreSQL)', file, code);
  } catch (e) {
    console.error(e);
    step('PostgreSQL tests', false);
  } finally {
    await pg?.stop();
  }
}

log('browser tests in Chromium');
try {
  await ensureWebBuild({ force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'propdesk-e2e-'));
  const file = path.join(out, 'playwright.json');
  const code = await run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
    env: { TMPDIR: tmp, PROPDESK_E2E_TMP: tmp, CHROMIUM_PATH: chromiumPath, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  const r = readJson(file);
  if (!r) step('playwright (no report)', false);
  else {
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected;
    if (r.stats.unexpected > 0) failures.push(`playwright: ${r.stats.unexpected} failed`);
    else if (code !== 0) step(`playwright (exit ${code})`, false);
  }
} catch (e) {
  console.error(e);
  step('browser tests', false);
}

const secs = Math.round((Date.now() - started) / 1000);
log(`finished in ${secs} s${failures.length ? `; failures: ${failures.join('; ')}` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
