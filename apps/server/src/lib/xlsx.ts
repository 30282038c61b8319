/**
 * Excel in and out, where staff live in Excel. Imports read the first sheet of a template whose
 * header row carries the column titles (zh / en); every row is checked before anything is written.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.js';

export interface XlsxColumn {
  key: string;
  zh: string;
  en: string;
  width?: number;
  /** Shown in the template's second row as an example. */
  example?: string | number;
}

/** A template workbook: header row "名称 name", an example row, frozen header. */
export async function buildTemplate(sheetName: string, columns: XlsxColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: `${c.zh} ${c.key}`, key: c.key, width: c.width ?? 16 }));
  ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example ?? ''])));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An export workbook of rows under localized headers. */
export async function buildWorkbook(sheetName: string, columns: XlsxColumn[], rows: Record<string, unknown>[], locale: 'zh-CN' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: locale === 'en' ? c.en : c.zh, key: c.key, width: c.width ?? 16 }));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow {
  /** 1-based spreadsheet row number, as the user sees it in Excel. */
  row: number;
  values: Record<string, string>;
}

const malformed = () =>
  new AppError(400, 'invalid_xlsx', {
    zh: '无法读取该文件：请上传由模板填写的 .xlsx 文件',
    en: 'The file could not be read: upload an .xlsx file filled in from the template',
  });

/**
 * Reads the first sheet. Header cells are matched by the column key (the template's "名称 key"
 * form), the Chinese title or the English title; blank rows are skipped; cells come back as trimmed text.
 */
export async function readSheet(buffer: Buffer, columns: XlsxColumn[]): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw malformed();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw malformed();
  const header = ws.getRow(1);
  const colIndex = new Map<string, number>();
  header.eachCell((cell, col) => {
    const text = cellText(cell.value).toLowerCase();
    for (const c of columns) {
      if (text === c.key.toLowerCase() || text === c.zh.toLowerCase() || text === c.en.toLowerCase() || text.endsWith(` ${c.key.toLowerCase()}`)) colIndex.set(c.key, col);
    }
  });
  const missing = columns.filter((c) => !colIndex.has(c.key));
  if (colIndex.size === 0 || missing.length === columns.length) throw malformed();
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const c of columns) {
      const idx = colIndex.get(c.key);
      const v = idx ? cellText(row.getCell(idx).value) : '';
      values[c.key] = v;
      if (v) any = true;
    }
    if (any) rows.push({ row: rowNumber, values });
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
    return '';
  }
  return String(v).trim();
}

/** The all-or-nothing answer when any row is wrong: 400 with every row's problem. */
export function importFailed(errors: { row: number; field?: string; message: string }[]) {
  const first = errors[0]!;
  return new AppError(
    400,
    'import_failed',
    {
      zh: `导入失败，共 ${errors.length} 处错误，未写入任何数据。第 ${first.row} 行：${first.message}`,
      en: `Import failed with ${errors.length} error(s); nothing was written. row ${first.row}: ${first.message}`,
    },
    errors.map((e) => ({ ...e, text: `row ${e.row}: ${e.message}` })),
  );
}
