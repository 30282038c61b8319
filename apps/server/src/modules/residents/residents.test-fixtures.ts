/** Test helpers shared by the residents tests (units, spreadsheets, multipart bodies). */
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.js';
import type { OrgUnitsTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';

/** Units are another module's; the tests insert their rows directly. */
export async function insertUnit(database: Database, building: OrgUnitsTable, number: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db
    .insertInto('units')
    .values({ id, project_id: building.project_id!, building_id: building.id, number, floor: 12, gross_area: 8925, kind: 'residence', state: 'occupied', note: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export const TEMPLATE_HEADER = ['姓名 name', '手机号 phone', '证件号 idNumber', '楼栋 building', '房号 unit', '关系 relation', '入住日期 startDate'];

/** A workbook with a header row and these rows (row 2 onward, as in Excel). */
export async function xlsx(rows: (string | number | null)[][], header = TEMPLATE_HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every cell of the first sheet, as text (to look for what an export must not contain). */
export async function sheetText(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((c) => cells.push(String(c.value ?? '')));
    out.push(cells);
  });
  return out;
}

/** A multipart/form-data body with plain fields and one file. */
export function multipart(file: { field?: string; name?: string; data: Buffer } | null, fields: Record<string, string> = {}) {
  const boundary = `----propdesk${newId()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name ?? 'residents.xlsx'}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** How many rows the two resident tables hold (all-or-nothing checks). */
export async function residentCounts(database: Database) {
  const r = await database.db.selectFrom('residents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const l = await database.db.selectFrom('resident_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { residents: Number(r.n), links: Number(l.n) };
}

/** 18-digit PRC ID numbers with correct check digits (GB 11643). */
export const ID_A = '110101199003074477';
export const ID_B = '11010519491231002X';
/** Right shape, wrong check digit. */
export const ID_BAD = '110101199003074478';
