/** Test-only helpers shared by the units and zones tests (not loaded by the server). */
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';

/** An .xlsx whose first row is the header and the rest are data rows, as a person would fill it in. */
export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const UNIT_HEADER = ['楼栋', '房号', '楼层', '建筑面积(㎡)', '类型', '状态', '备注'];

/** Multipart body with the file under "file" (and optional text fields). */
export function uploadForm(file: Buffer, filename = 'units.xlsx', fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  return form;
}

/** Grants a built-in role to a user at an org node. */
export async function grantRole(database: Database, userId: string, roleId: string, orgUnitId: string): Promise<void> {
  await database.db.insertInto('role_grants').values({ id: newId(), user_id: userId, role_id: roleId, org_unit_id: orgUnitId, created_at: nowIso() }).execute();
}

/** A maintenance team of a project (the teams module owns the API; tests only need the row). */
export async function insertTeam(database: Database, projectId: string, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('teams').values({ id, project_id: projectId, name, kind: 'maintenance', leader_id: null, created_at: now, updated_at: now }).execute();
  return id;
}

/** A resident linked to a unit (the residents module owns the API; tests only need the rows). */
export async function insertResidentLink(
  database: Database,
  r: { projectId: string; unitId: string; name: string; phone: string; idNumber: string; relation: string; startDate?: string; endDate?: string },
): Promise<{ residentId: string; linkId: string }> {
  const residentId = newId();
  const linkId = newId();
  const now = nowIso();
  await database.db.insertInto('residents').values({
    id: residentId, project_id: r.projectId, name: r.name, phone: r.phone, phone_rev: [...r.phone].reverse().join(''),
    id_number: r.idNumber, note: null, created_at: now, updated_at: now,
  }).execute();
  await database.db.insertInto('resident_units').values({
    id: linkId, project_id: r.projectId, resident_id: residentId, unit_id: r.unitId, relation: r.relation,
    start_date: r.startDate ?? null, end_date: r.endDate ?? null, created_at: now,
  }).execute();
  return { residentId, linkId };
}
