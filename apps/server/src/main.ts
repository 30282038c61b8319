import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { buildApp } from './http/app.js';
import { bootstrap } from './bootstrap/bootstrap.js';
import { startJobs } from './jobs/runner.js';

/** Serve: migrate, seed an empty database, listen, print how to sign in. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  const boot = await bootstrap(database, { adminPassword: config.adminPassword, demo: config.demo, config });
  const app = await buildApp({ database, config, logger: true });
  await app.listen({ port: config.port, host: config.host });
  // After listen, never in buildApp: tests build apps and must not run timers.
  const jobs = startJobs(database, config, app.log);

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  propdesk 物业客户服务中心 is running at ${url}`,
    `  database: ${database.dialect}${database.dialect === 'sqlite' ? ` (${config.databaseUrl.slice(7)})` : ''}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (boot.migrations.length) lines.push(`  migrations applied: ${boot.migrations.join(', ')}`);
  if (boot.admin) {
    lines.push(`  admin login: admin / ${boot.admin.password}${boot.admin.generated ? '   (generated now: write it down, it is not shown again)' : ''}`);
  } else {
    lines.push('  admin login: admin / (the password set when this database was created)');
  }
  if (boot.demoLogins.length) {
    lines.push('  demo logins (created now):');
    for (const d of boot.demoLogins) lines.push(`    ${d.username.padEnd(11)} / ${d.password}   ${d.role} @ ${d.where}`);
  } else if (config.demo) {
    lines.push('  demo logins: director, supervisor, reception, mallfront, cashier, tech, guard — password demo2026 (if this database was seeded with demo data)');
  }
  console.log(lines.join('\n') + '\n');

  const stop = async () => {
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
