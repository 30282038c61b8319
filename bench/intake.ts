/** What the intake benchmarks share: a fresh copy of the generated database, and intake bodies. */
import fs from 'node:fs';
import BetterSqlite from 'better-sqlite3';

export const PROJECTS = 5;
const PEOPLE_PER_PROJECT = 40;

/** A fresh copy of the generated database (its WAL folded in first, so the copy is whole). */
export function copyDatabase(from: string, to: string): string {
  if (!fs.existsSync(from)) throw new Error(`${from} is missing: run "npx tsx bench/generate.ts" first`);
  const src = new BetterSqlite(from);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  for (const f of [to, `${to}-wal`, `${to}-shm`]) fs.rmSync(f, { force: true });
  const t = Date.now();
  fs.copyFileSync(from, to);
  console.log(`copied ${from} → ${to} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return to;
}

/** Intake bodies as receptionists send them, over residents (and their units) of a few projects. */
export function intakeBodies(conn: BetterSqlite.Database): string[] {
  const projects = conn.prepare(`select id from org_units where kind = 'project' order by name limit ?`).all(PROJECTS) as { id: string }[];
  const category = (kind: string) => (conn.prepare(`select id from ticket_categories where project_id is null and kind = ? and active = 1 order by sort limit 1`).get(kind) as { id: string } | undefined)?.id;
  const repairCategory = category('repair');
  const complaintCategory = category('complaint');
  const people = conn.prepare(`select r.id as resident, ru.unit_id as unit from residents r join resident_units ru on ru.resident_id = r.id where r.project_id = ? limit ?`);
  const bodies: string[] = [];
  for (const { id: projectId } of projects) {
    for (const [i, p] of (people.all(projectId, PEOPLE_PER_PROJECT) as { resident: string; unit: string }[]).entries()) {
      const base = { projectId, channel: i % 3 === 0 ? 'walk_in' : 'phone', requesterResidentId: p.resident };
      // Mostly repairs; then complaints, consultations answered at once, the odd major complaint.
      const body =
        i % 10 < 6
          ? { ...base, kind: 'repair', unitId: p.unit, ...(repairCategory ? { categoryId: repairCategory } : {}), description: `厨房水管漏水，请尽快上门维修（${i}）`, paid: i % 2 === 0 }
          : i % 10 < 8
            ? { ...base, kind: 'complaint', unitId: p.unit, ...(complaintCategory ? { categoryId: complaintCategory } : {}), description: `楼上夜间噪音扰民（${i}）`, major: i % 20 === 7 }
            : { ...base, kind: 'consultation', description: `咨询物业费缴纳方式（${i}）`, answer: '可在服务中心前台或线上缴纳。' };
      bodies.push(JSON.stringify(body));
    }
  }
  if (bodies.length === 0) throw new Error('no residents found in the bench database');
  return bodies;
}
