/**
 * Demo data of collection (收缴): the company's collection targets for 2026 in both projects, and a
 * few reminders (催缴通知书, one SMS) for units of 丽景花园 whose demo bills are overdue. Runs after
 * the demo bills and payments; with no bills (or none overdue) it sets the targets only.
 */
import type { Tx } from '../db/database.js';
import type { OrgUnitsTable } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { arrearsRepository } from '../modules/arrears/arrears.repository.js';
import { issueDunning } from '../modules/arrears/arrears.service.js';
import { collectionRepository } from '../modules/collection/collection.repository.js';
import { todayIn } from '../modules/residents/residents.policy.js';

/** Targets in basis points: higher at the year's end (people pay before the Spring Festival), lower in summer. */
const GARDEN_2026 = [9_500, 9_300, 9_200, 9_400, 9_400, 9_500, 9_300, 9_300, 9_500, 9_600, 9_600, 9_700, 9_800];
const MALL_2026 = [9_000, 8_800, 8_600, 8_800, 9_000, 9_000, 9_000, 8_800, 8_800, 9_000, 9_200, 9_200, 9_500];

export async function seedDemoCollection(tx: Tx, p: { garden: OrgUnitsTable; mall: OrgUnitsTable; directorId: string; cashierId: string; cashierName: string }): Promise<void> {
  const at = nowIso();
  for (const [project, targets] of [[p.garden, GARDEN_2026], [p.mall, MALL_2026]] as const) {
    for (let month = 0; month <= 12; month++) {
      await collectionRepository.setTarget(tx, { id: newId(), projectId: project.id, year: 2026, month, rateBp: targets[month]!, setBy: p.directorId, at });
    }
  }

  // A few reminders for overdue units, from the back of the list (the first homes stay for the cashier's walk-through).
  const today = todayIn(p.garden.timezone);
  const lines = await arrearsRepository.overdueLines(tx, { projectIds: [p.garden.id], dueBefore: today });
  const unitIds = [...new Set(lines.map((l) => l.unit_id))].slice(-4);
  if (unitIds.length === 0) return;
  const units = await arrearsRepository.unitsByIds(tx, unitIds);
  const by = { userId: p.cashierId, name: p.cashierName, audit: { actor: null, ip: null } };
  await issueDunning(tx, by, units, ['letter']);
  await issueDunning(tx, by, units.slice(0, 1), ['sms']);
}
