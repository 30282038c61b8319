/**
 * Pure rules of the cashier's desk: the order money reaches lines (a charge, then its late fee
 * to date: billing.late-fee.ts), the change, and the daily-close summary.
 */
import type { DailyCloseSummary, PaymentKind, PaymentMethod } from '@propdesk/contracts';
import type { OutstandingLine as AllocLine } from '../billing/billing.allocation.js';
import { oldestFirst } from '../billing/billing.allocation.js';

/** The prefix of the allocation key of a late fee not yet billed: `latefee:<charge line id>`. */
export const LATE_FEE_KEY = 'latefee:';

/**
 * What a payment may reach, in order: each open line oldest first, each charge followed by its
 * unbilled late fee (key `latefee:<id>`). With a choice, only the chosen lines (in the order
 * given) and their late fees. Unknown chosen ids are passed through so the allocation rule
 * refuses them with its own message.
 */
export function paymentOrder(lines: readonly AllocLine[], pendingFees: ReadonlyMap<string, number>, chosen?: readonly string[]): { lines: AllocLine[]; order: string[] } {
  const all: AllocLine[] = [];
  for (const l of oldestFirst(lines)) {
    all.push(l);
    const fee = pendingFees.get(l.billLineId) ?? 0;
    if (fee > 0) all.push({ billLineId: LATE_FEE_KEY + l.billLineId, period: l.period, dueDate: l.dueDate, outstandingFen: fee });
  }
  const base = chosen ?? all.filter((l) => !l.billLineId.startsWith(LATE_FEE_KEY)).map((l) => l.billLineId);
  const order: string[] = [];
  for (const id of base) {
    order.push(id);
    if ((pendingFees.get(id) ?? 0) > 0) order.push(LATE_FEE_KEY + id);
  }
  return { lines: all, order: order.filter((id) => chosen !== undefined || all.some((l) => l.billLineId === id && l.outstandingFen > 0)) };
}

export interface DayPayment {
  kind: string;
  method: string;
  amountFen: number;
  changeFen: number;
  receiptNumber: string;
  reason: string | null;
  reversedReceiptNumber: string | null;
}

/** Compare receipt numbers by year, then sequence (SJ-2026-000099 < SJ-2026-000100 < SJ-2026-1000000). */
export function compareReceipts(a: string, b: string): number {
  const [, ya = '', na = ''] = a.split('-');
  const [, yb = '', nb = ''] = b.split('-');
  return ya !== yb ? (ya < yb ? -1 : 1) : na.length !== nb.length ? na.length - nb.length : na < nb ? -1 : na > nb ? 1 : 0;
}

/** The cashier's day: totals by method and by kind, the receipts issued, the reversals. */
export function summarizeDay(payments: readonly DayPayment[]): DailyCloseSummary {
  const byMethod = new Map<string, { count: number; totalFen: number }>();
  const byKind = new Map<string, { count: number; totalFen: number }>();
  for (const p of payments) {
    const m = byMethod.get(p.method) ?? { count: 0, totalFen: 0 };
    byMethod.set(p.method, { count: m.count + 1, totalFen: m.totalFen + p.amountFen });
    const k = byKind.get(p.kind) ?? { count: 0, totalFen: 0 };
    byKind.set(p.kind, { count: k.count + 1, totalFen: k.totalFen + p.amountFen });
  }
  const receipts = payments.map((p) => p.receiptNumber).sort(compareReceipts);
  return {
    byMethod: [...byMethod].map(([method, v]) => ({ method: method as PaymentMethod, ...v })),
    byKind: [...byKind].map(([kind, v]) => ({ kind: kind as PaymentKind, ...v })),
    reversals: payments
      .filter((p) => p.kind === 'reversal')
      .map((p) => ({ receiptNumber: p.receiptNumber, reversedReceiptNumber: p.reversedReceiptNumber, amountFen: p.amountFen, reason: p.reason })),
    count: payments.length,
    totalFen: payments.reduce((s, p) => s + p.amountFen, 0),
    // Amounts recorded are what the center kept, so the drawer holds the cash amounts (change already handed back).
    cashFen: payments.filter((p) => p.method === 'cash').reduce((s, p) => s + p.amountFen, 0),
    receiptFrom: receipts[0] ?? null,
    receiptTo: receipts[receipts.length - 1] ?? null,
  };
}

/** 6222021234567890123 → 6222 **** **** 0123: the bank file is the only place the full number goes. */
export function maskAccountNumber(n: string): string {
  if (n.length <= 8) return '*'.repeat(Math.max(0, n.length - 4)) + n.slice(-4);
  return `${n.slice(0, 4)} **** **** ${n.slice(-4)}`;
}

/** "丽景花园 1栋 101" */
export function unitLabel(u: { project_name: string; building_name: string; number: string }): string {
  return `${u.project_name} ${u.building_name} ${u.number}`;
}

/**
 * How the search box is read: "1栋101", "1-101" or "101" look for units; digits (4+) also for a
 * phone's last digits; anything else for a resident's name.
 */
export function parseUnitSearch(q: string): { number?: string; building?: string; name?: string; phoneTailRev?: string } {
  const text = q.trim();
  const out: { number?: string; building?: string; name?: string; phoneTailRev?: string } = {};
  const m = /^(.+?)(?:栋|幢|号楼|-|\s)\s*([0-9A-Za-z]+)$/.exec(text);
  if (m) {
    out.building = m[1]!.trim();
    out.number = m[2]!;
  } else if (/^[0-9A-Za-z]{1,10}$/.test(text)) {
    out.number = text;
  }
  if (/^\d{4,11}$/.test(text)) out.phoneTailRev = [...text].reverse().join('');
  if (!/^\d+$/.test(text) && !m) out.name = text;
  return out;
}

/**
 * Who may take a cashier's day over (交接): someone whose role on the project handles money —
 * another cashier (billing.collect) or whoever approves or reverses (finance, the center
 * director). Not the cashier herself: a hand-over to oneself is no hand-over.
 */
export const HAND_OVER_PERMISSIONS = ['billing.collect', 'billing.approve', 'billing.reverse'] as const;
export function receivesHandOver(permissions: readonly string[], userId: string, cashierId: string): boolean {
  return userId !== cashierId && permissions.some((p) => (HAND_OVER_PERMISSIONS as readonly string[]).includes(p));
}
