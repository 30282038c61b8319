/**
 * Pure rules about residents (住户): how ID numbers are checked and shown, how phone numbers
 * are searched by their tail, how an import row is read, and how a person's unit links change.
 */
import { Phone, Relation } from '@propdesk/contracts';
import type { Localized } from '../../http/errors.js';
import { maskIdNumber } from '../../lib/mask.js';

// ---------------------------------------------------------------------------------------------
// ID numbers

/** GB 11643 check character of the first 17 digits of a PRC ID number. */
export function idCheckDigit(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}

export type IdNumberCheck = { ok: true; value: string } | { ok: false; text: Localized };

/**
 * An 18-character number whose first 17 characters are digits is a PRC ID: its last character
 * must be the GB 11643 check digit (a lower-case x is stored as X). Anything else of 5–30 letters,
 * digits or dashes (passports, Hong Kong/Macau/Taiwan permits, old 15-digit IDs) is taken as given.
 */
export function checkIdNumber(raw: string): IdNumberCheck {
  const value = raw.trim();
  if (/^\d{17}.$/.test(value)) {
    const last = value[17]!.toUpperCase();
    const expected = idCheckDigit(value);
    if (last !== expected) {
      return {
        ok: false,
        text: {
          zh: '身份证号校验位不正确，请核对号码（18 位身份证号的最后一位由前 17 位计算得出）',
          en: 'the ID number has a wrong check digit: check the number (the 18th character follows from the first 17)',
        },
      };
    }
    return { ok: true, value: value.slice(0, 17) + last };
  }
  if (!/^[0-9A-Za-z-]{5,30}$/.test(value)) {
    return { ok: false, text: { zh: '证件号应为 5–30 位字母或数字', en: 'the ID number must be 5–30 letters or digits' } };
  }
  return { ok: true, value };
}

/** What every ordinary answer shows of an ID number: 110***********1234 (never the full number). */
export function shownIdNumber(idNumber: string | null): string | null {
  return idNumber === null ? null : maskIdNumber(idNumber);
}

// ---------------------------------------------------------------------------------------------
// Phones

/** The digits of a phone number (landlines may carry dashes). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** The stored phone_rev column: the digits reversed, so "ends with" becomes an indexed "starts with". */
export function phoneRev(phone: string): string {
  return [...phoneDigits(phone)].reverse().join('');
}

/** "5678" (the caller's last digits) → the phone_rev prefix "8765"; null when no digits were given. */
export function phoneTailPrefix(tail: string): string | null {
  const rev = phoneRev(tail);
  return rev.length > 0 ? rev : null;
}

/** A free-text search that is a phone fragment ("1380013", "138-0013") searches phones, else names. */
export function searchPhoneDigits(q: string): string | null {
  return /^[\d\s-]+$/.test(q) && /\d{3,}/.test(q.replace(/[\s-]/g, '')) ? phoneDigits(q) : null;
}

/** Same person = same name and same phone digits (how the desk and the import recognize people). */
export function personKey(name: string, phone: string): string {
  return `${name.trim()}\u0000${phoneDigits(phone)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates and links

/** A YYYY-MM-DD that exists on the calendar. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's calendar date in a time zone (links end "today" where the project is). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A link is current until its end date (a person who moved out today is no longer there). */
export function isCurrentLink(link: { endDate: string | null }, today: string): boolean {
  return link.endDate === null || link.endDate > today;
}

export interface LinkState {
  id: string;
  unitId: string;
  relation: Relation;
  startDate: string | null;
  endDate: string | null;
}

export interface DesiredLink {
  unitId: string;
  relation: Relation;
  startDate?: string;
  endDate?: string;
}

export interface LinkPlan {
  add: DesiredLink[];
  change: { id: string; relation: Relation; startDate: string | null; endDate: string | null }[];
  end: { id: string; endDate: string }[];
}

/**
 * PATCH with `units` gives the person's current units as a whole. Listed units without a current
 * link are linked; listed units with one keep it (relation and dates updated if they differ);
 * current links left out end today — or on their start date if that is still ahead.
 */
export function planLinkSync(current: LinkState[], desired: DesiredLink[], today: string): LinkPlan {
  const plan: LinkPlan = { add: [], change: [], end: [] };
  const byUnit = new Map(current.map((l) => [l.unitId, l]));
  for (const d of desired) {
    const link = byUnit.get(d.unitId);
    if (!link) {
      plan.add.push(d);
      continue;
    }
    const next = { id: link.id, relation: d.relation, startDate: d.startDate ?? link.startDate, endDate: d.endDate ?? link.endDate };
    if (next.relation !== link.relation || next.startDate !== link.startDate || next.endDate !== link.endDate) plan.change.push(next);
  }
  const listed = new Set(desired.map((d) => d.unitId));
  for (const l of current) {
    if (!listed.has(l.unitId)) plan.end.push({ id: l.id, endDate: l.startDate && l.startDate > today ? l.startDate : today });
  }
  return plan;
}

/** Dates of a link must run forward. */
export function datesInOrder(startDate: string | null | undefined, endDate: string | null | undefined): boolean {
  return !startDate || !endDate || startDate <= endDate;
}

// ---------------------------------------------------------------------------------------------
// Import rows

export const RELATION_LABELS: Record<Relation, Localized> = {
  owner: { zh: '业主', en: 'owner' },
  tenant: { zh: '租户', en: 'tenant' },
  family: { zh: '家属', en: 'family' },
};

/** owner/tenant/family in either language (Excel users type 业主). */
export function parseRelation(text: string): Relation | null {
  const t = text.trim().toLowerCase();
  for (const r of Relation.options) {
    if (t === r || t === RELATION_LABELS[r].zh) return r;
  }
  return null;
}

export interface ImportRowValues {
  name: string;
  phone: string;
  idNumber: string;
  building: string;
  unit: string;
  relation: string;
  startDate: string;
}

export interface ImportRow {
  row: number;
  name: string;
  phone: string;
  idNumber: string | null;
  building: string;
  unit: string;
  relation: Relation;
  startDate: string | null;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
  messageZh: string;
}

/** One spreadsheet row, checked on its own (the database checks — does the unit exist? — come after). */
export function validateImportRow(row: number, v: ImportRowValues): { value: ImportRow; errors: [] } | { value: null; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, en: string, zh: string) => errors.push({ row, field, message: en, messageZh: zh });
  const name = v.name.trim();
  if (!name) err('name', 'name is missing', '姓名未填写');
  else if (name.length > 100) err('name', 'name is longer than 100 characters', '姓名超过 100 个字');
  const phone = v.phone.trim();
  if (!phone) err('phone', 'phone is missing', '手机号未填写');
  else if (!Phone.safeParse(phone).success) err('phone', 'phone is not a valid mobile number', '手机号不是有效的手机或座机号码');
  let idNumber: string | null = null;
  if (v.idNumber.trim()) {
    const checked = checkIdNumber(v.idNumber);
    if (checked.ok) idNumber = checked.value;
    else err('idNumber', checked.text.en, checked.text.zh);
  }
  const building = v.building.trim();
  const unit = v.unit.trim();
  if (!building) err('building', 'building is missing', '楼栋未填写');
  if (!unit) err('unit', 'unit is missing', '房号未填写');
  const relation = parseRelation(v.relation);
  if (!relation) err('relation', `relation "${v.relation}" is not one of owner/tenant/family (业主/租户/家属)`, `关系“${v.relation}”应为 业主/租户/家属`);
  const startDate = v.startDate.trim() || null;
  if (startDate && !isRealDate(startDate)) err('startDate', `start date "${startDate}" is not a date like 2024-05-01`, `入住日期“${startDate}”应为 2024-05-01 这样的日期`);
  if (errors.length > 0) return { value: null, errors };
  return { value: { row, name, phone, idNumber, building, unit, relation: relation!, startDate }, errors: [] };
}
