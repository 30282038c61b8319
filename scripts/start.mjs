// npm start: install if missing, build the web app if stale, then serve (migrations and the
// demo seed run inside the server at start). Configuration: see README.md.
import { bin, ensureDependencies, ensureWebBuild, log, root } from './lib.mjs';
import { spawn } from 'node:child_process';

await ensureDependencies();
await ensureWebBuild();
log('starting the server…');
const server = spawn(bin('tsx'), ['apps/server/src/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('close', (code) => process.exit(code ?? 0));
