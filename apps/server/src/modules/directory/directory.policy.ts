/**
 * Pure rules of the phone directory (通讯录): confidential numbers (managers' mobiles — 公司管理人员
 * 电话不得外泄) are masked for everyone without the reveal permission, in every answer; an entry
 * not confirmed for 90 days is flagged so the list stays current.
 */
export const STALE_AFTER_DAYS = 90;

/** 13812345678 → 138****5678; a landline 0755-86001234 → 075*****1234; short numbers all stars. */
export function maskNumber(n: string): string {
  const digits = n.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(Math.max(digits.length, 3));
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

export interface Visible {
  phone: string;
  altPhone: string | null;
  masked: boolean;
}

/** What the caller may see of an entry's numbers. */
export function visibleNumbers(entry: { phone: string; altPhone: string | null; confidential: boolean }, mayReveal: boolean): Visible {
  if (!entry.confidential || mayReveal) return { phone: entry.phone, altPhone: entry.altPhone, masked: false };
  return { phone: maskNumber(entry.phone), altPhone: entry.altPhone === null ? null : maskNumber(entry.altPhone), masked: true };
}

export function isStale(confirmedAt: string, now: number): boolean {
  return now - Date.parse(confirmedAt) > STALE_AFTER_DAYS * 86_400_000;
}
