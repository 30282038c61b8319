// npm run dev: the API with reload on :3000 and the Vite dev server with hot reload on :5173.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bin, ensureDependencies, log, root } from './lib.mjs';

await ensureDependencies();
log('API on http://localhost:3000 (tsx watch), console on http://localhost:5173 (vite)');
const children = [
  spawn(bin('tsx'), ['watch', 'apps/server/src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(bin('vite'), [], { cwd: path.join(root, 'apps/web'), stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
