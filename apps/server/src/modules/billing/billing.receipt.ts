/**
 * Receipt (收据) numbers: SJ-YYYY-NNNNNN, one gap-free sequence per project and year, allocated in
 * the payment's transaction from the counter under `receiptCounterKey`. Six digits, more past
 * 999999 (SJ-2026-1000000). Numbers of reversed payments are never reused.
 */
import { assertInteger } from './billing.money.js';

export function formatReceiptNumber(year: number, seq: number): string {
  assertInteger('year', year, 1000, 9999);
  assertInteger('seq', seq, 1);
  return `SJ-${year}-${String(seq).padStart(6, '0')}`;
}

/** The year and sequence of a receipt number, or null when it is not one (only the canonical form). */
export function parseReceiptNumber(text: string): { year: number; seq: number } | null {
  const m = /^SJ-(\d{4})-(\d{6,})$/.exec(text.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 1000 || !Number.isSafeInteger(seq) || seq < 1) return null;
  // "SJ-2026-0000001" would print as SJ-2026-000001: not a number this system issues.
  return formatReceiptNumber(year, seq) === text.trim().toUpperCase() ? { year, seq } : null;
}

/** The counter a project's receipts of a year are numbered from. */
export function receiptCounterKey(projectId: string, year: number): string {
  return `receipt:${projectId}:${year}`;
}
