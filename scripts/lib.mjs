// Helpers shared by start.mjs, test.mjs and dev.mjs: install what is missing, rebuild what is stale.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export function log(msg) {
  console.log(`\n[propdesk] ${msg}`);
}

/** Runs a command, inheriting the terminal; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    // opts.env adds to the environment (spread last, opts would replace it whole: PATH and PROPDESK_E2E_PORT lost).
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(p) : mtime(p));
  }
  return newest;
}

/** npm ci when node_modules is missing or older than the lock file. */
export async function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(marker) && mtime(marker) >= mtime(path.join(root, 'package-lock.json'))) return;
  log('installing npm packages (npm ci; better-sqlite3 builds from source, about a minute)…');
  const code = await run('npm', ['ci', '--no-audit', '--no-fund']);
  if (code !== 0) throw new Error('npm ci failed');
}

/** Builds the web app when its sources (or the contracts) are newer than the build. */
export async function ensureWebBuild({ force = false } = {}) {
  const built = mtime(path.join(root, 'apps/web/dist/index.html'));
  const sources = Math.max(
    newestIn(path.join(root, 'apps/web/src')),
    newestIn(path.join(root, 'packages/contracts/src')),
    mtime(path.join(root, 'apps/web/index.html')),
    mtime(path.join(root, 'apps/web/vite.config.ts')),
  );
  if (!force && built > sources) return;
  log('building the web app…');
  const code = await run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: path.join(root, 'apps/web') });
  if (code !== 0) throw new Error('web build failed');
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
