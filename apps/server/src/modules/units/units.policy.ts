/**
 * Pure rules of units: reading the people-typed values of the units .xlsx (areas, kinds,
 * states) exactly, and deciding which rows of an import create and which update.
 */
import { UNIT_KIND_LABELS, UNIT_STATE_LABELS, UnitKind, UnitState } from '@propdesk/contracts';
import type { XlsxColumn } from '../../lib/xlsx.js';

export const FLOOR_MIN = -10;
export const FLOOR_MAX = 200;
/** 1,000,000 m² in 0.01 m², the contract's ceiling. */
export const AREA_MAX_CENTI = 100_000_000;
export const UNIT_NUMBER_MAX = 32;
export const BUILDING_NAME_MAX = 100;
export const NOTE_MAX = 500;
/** A project's whole unit list fits comfortably; a bigger file is almost surely a mistake. */
export const IMPORT_MAX_ROWS = 20_000;

/** The template, the import and the export share these columns (so an export can be re-imported). */
export const UNIT_COLUMNS: XlsxColumn[] = [
  { key: 'building', zh: '楼栋', en: 'Building', example: '1栋', width: 14 },
  { key: 'number', zh: '房号', en: 'Unit number', example: '101', width: 12 },
  { key: 'floor', zh: '楼层', en: 'Floor', example: 1, width: 8 },
  { key: 'grossArea', zh: '建筑面积(㎡)', en: 'Gross area (m²)', example: '89.25', width: 16 },
  { key: 'kind', zh: '类型', en: 'Kind', example: '住宅', width: 10 },
  { key: 'state', zh: '状态', en: 'State', example: '空置', width: 10 },
  { key: 'note', zh: '备注', en: 'Note', example: '', width: 30 },
];

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * "89.25" m² → 8925 (0.01 m²), by reading the decimal digits — never through a float, so
 * 0.1 + 0.2 style errors cannot creep in. More than two decimals is refused unless the extra
 * digits are zeros ("89.250" is exactly 89.25; "89.255" would need rounding nobody asked for).
 */
export function parseAreaM2(text: string): Parsed<number> {
  const s = text.trim();
  if (s === '') return { ok: false, message: 'grossArea is required' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, message: `grossArea is not a number: "${s}"` };
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return { ok: false, message: `grossArea has more than 2 decimals: "${s}"` };
  const cents = (frac + '00').slice(0, 2);
  if (whole.replace(/^0+/, '').length > 7) return { ok: false, message: `grossArea is too large: "${s}"` };
  const value = Number(whole) * 100 + Number(cents);
  if (value < 1) return { ok: false, message: 'grossArea must be greater than 0' };
  if (value > AREA_MAX_CENTI) return { ok: false, message: `grossArea is too large: "${s}"` };
  return { ok: true, value };
}

/** 8925 → "89.25" (exact; the export writes areas back in m²). */
export function formatAreaM2(centi: number): string {
  const whole = Math.trunc(centi / 100);
  const cents = String(centi % 100).padStart(2, '0');
  return `${whole}.${cents}`;
}

export function parseFloor(text: string): Parsed<number> {
  const s = text.trim();
  if (s === '') return { ok: false, message: 'floor is required' };
  if (!/^-?\d+$/.test(s)) return { ok: false, message: `floor is not a whole number: "${s}"` };
  const n = Number(s);
  if (n < FLOOR_MIN || n > FLOOR_MAX) return { ok: false, message: `floor must be between ${FLOOR_MIN} and ${FLOOR_MAX}` };
  return { ok: true, value: n };
}

/** A code (residence), a Chinese label (住宅) or an English label (Residence). */
function parseLabelled<T extends string>(field: string, text: string, codes: readonly T[], labels: Record<T, { zh: string; en: string }>): Parsed<T> {
  const s = text.trim();
  const lower = s.toLowerCase();
  for (const code of codes) {
    if (lower === code || s === labels[code].zh || lower === labels[code].en.toLowerCase()) return { ok: true, value: code };
  }
  const allowed = codes.map((c) => `${labels[c].zh}/${c}`).join(', ');
  return { ok: false, message: `${field} "${s}" is not one of ${allowed}` };
}

export function parseUnitKind(text: string): Parsed<UnitKind> {
  if (text.trim() === '') return { ok: false, message: 'kind is required' };
  return parseLabelled('kind', text, UnitKind.options, UNIT_KIND_LABELS);
}

/** Blank is "not given": a new unit starts vacant, an existing one keeps its state. */
export function parseUnitState(text: string): Parsed<UnitState | null> {
  if (text.trim() === '') return { ok: true, value: null };
  return parseLabelled('state', text, UnitState.options, UNIT_STATE_LABELS);
}

export interface ImportRow {
  row: number;
  building: string;
  number: string;
  floor: number;
  grossArea: number;
  kind: UnitKind;
  /** null: the cell was blank (new units start vacant, existing ones keep their state). */
  state: UnitState | null;
  /** null: the cell was blank (existing units keep their note). */
  note: string | null;
}

export interface RowError {
  row: number;
  field?: string;
  message: string;
}

/** One spreadsheet row → a unit to write, or every problem of the row. */
export function parseImportRow(row: number, v: Record<string, string>): { ok: true; value: ImportRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const building = (v.building ?? '').trim();
  const number = (v.number ?? '').trim();
  const note = (v.note ?? '').trim();
  if (!building) errors.push({ row, field: 'building', message: 'building is required' });
  else if (building.length > BUILDING_NAME_MAX) errors.push({ row, field: 'building', message: `building is longer than ${BUILDING_NAME_MAX} characters` });
  if (!number) errors.push({ row, field: 'number', message: 'number is required' });
  else if (number.length > UNIT_NUMBER_MAX) errors.push({ row, field: 'number', message: `number is longer than ${UNIT_NUMBER_MAX} characters` });
  if (note.length > NOTE_MAX) errors.push({ row, field: 'note', message: `note is longer than ${NOTE_MAX} characters` });
  const floor = parseFloor(v.floor ?? '');
  const area = parseAreaM2(v.grossArea ?? '');
  const kind = parseUnitKind(v.kind ?? '');
  const state = parseUnitState(v.state ?? '');
  if (!floor.ok) errors.push({ row, field: 'floor', message: floor.message });
  if (!area.ok) errors.push({ row, field: 'grossArea', message: area.message });
  if (!kind.ok) errors.push({ row, field: 'kind', message: kind.message });
  if (!state.ok) errors.push({ row, field: 'state', message: state.message });
  if (errors.length > 0 || !floor.ok || !area.ok || !kind.ok || !state.ok) return { ok: false, errors };
  return { ok: true, value: { row, building, number, floor: floor.value, grossArea: area.value, kind: kind.value, state: state.value, note: note || null } };
}

/** Every row parsed, plus the rows that repeat an earlier row's building + number. */
export function parseImportRows(rows: { row: number; values: Record<string, string> }[]): { rows: ImportRow[]; errors: RowError[] } {
  const out: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const parsed = parseImportRow(r.row, r.values);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const key = unitKey(parsed.value.building, parsed.value.number);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      errors.push({ row: r.row, field: 'number', message: `${parsed.value.building} ${parsed.value.number} repeats row ${first}` });
      continue;
    }
    firstRowOf.set(key, r.row);
    out.push(parsed.value);
  }
  return { rows: out, errors };
}

/** Identity of a unit inside a project: its building's name and its number. */
export function unitKey(buildingName: string, number: string): string {
  return `${buildingName}\u0000${number}`;
}

export interface ImportPlan<U> {
  /** Building names the import has to create under the project. */
  newBuildings: string[];
  create: ImportRow[];
  update: { row: ImportRow; existing: U }[];
}

/** Which rows create a unit, which update an existing one (same building and number), and which buildings are new. */
export function planImport<U extends { buildingName: string; number: string }>(rows: ImportRow[], existingBuildings: string[], existingUnits: U[]): ImportPlan<U> {
  const known = new Set(existingBuildings);
  const newBuildings: string[] = [];
  for (const r of rows) {
    if (!known.has(r.building)) {
      known.add(r.building);
      newBuildings.push(r.building);
    }
  }
  const byKey = new Map(existingUnits.map((u) => [unitKey(u.buildingName, u.number), u]));
  const plan: ImportPlan<U> = { newBuildings, create: [], update: [] };
  for (const r of rows) {
    const existing = byKey.get(unitKey(r.building, r.number));
    if (existing) plan.update.push({ row: r, existing });
    else plan.create.push(r);
  }
  return plan;
}
