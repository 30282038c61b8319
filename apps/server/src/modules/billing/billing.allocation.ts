/**
 * Allocation of a payment to outstanding bill lines.
 *
 * - Without a choice, oldest first: by period, then due date, then line id (so the order is total
 *   and the same on every run). With `chosenLineIds`, those lines only, in the order given.
 * - A line never receives more than it still owes; the last line reached may be paid in part.
 * - What is left over: with cash, handed back as change (找零) unless the payer keeps it as
 *   prepaid (预存); with any other method nothing can be handed back, so it is `unallocatedFen`
 *   (the service credits it to the prepaid balance).
 * Lines owing nothing (paid, or credit lines) are skipped; choosing one is refused.
 */
import type { PaymentMethod } from '@propdesk/contracts';
import { badRequest, conflict } from '../../http/errors.js';
import { assertInteger } from './billing.money.js';

export interface OutstandingLine {
  billLineId: string;
  period: string;
  dueDate: string;
  outstandingFen: number;
}

export interface AllocationInput {
  lines: readonly OutstandingLine[];
  amountFen: number;
  method: PaymentMethod;
  chosenLineIds?: readonly string[];
  /** Cash only: keep the excess as prepaid instead of giving change. */
  keepExcessAsPrepaid?: boolean;
}

export interface Allocation {
  allocations: { billLineId: string; amountFen: number }[];
  /** What the chosen (or all outstanding) lines owed before the payment. */
  owedFen: number;
  changeFen: number;
  unallocatedFen: number;
}

/** Oldest first: period, then due date, then line id. */
export function oldestFirst<T extends OutstandingLine>(lines: readonly T[]): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...lines].sort((a, b) => cmp(a.period, b.period) || cmp(a.dueDate, b.dueDate) || cmp(a.billLineId, b.billLineId));
}

/** Throws 400 (bad choice or amount) or 409 (a chosen line no longer owes anything). */
export function allocatePayment(input: AllocationInput): Allocation {
  const { amountFen, method } = input;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw badRequest('payment_amount_invalid', { zh: '收款金额须为大于零的整数分', en: 'The amount must be a whole number of fen above zero' });
  }
  for (const l of input.lines) assertInteger('outstandingFen', l.outstandingFen);

  let targets: OutstandingLine[];
  if (input.chosenLineIds === undefined) {
    targets = oldestFirst(input.lines.filter((l) => l.outstandingFen > 0));
  } else {
    if (input.chosenLineIds.length === 0) {
      throw badRequest('no_bill_lines_chosen', { zh: '请选择要收取的账单明细', en: 'Choose the bill lines to pay' });
    }
    if (new Set(input.chosenLineIds).size !== input.chosenLineIds.length) {
      throw badRequest('bill_line_chosen_twice', { zh: '同一账单明细被重复选择', en: 'A bill line was chosen twice' });
    }
    const byId = new Map(input.lines.map((l) => [l.billLineId, l]));
    targets = input.chosenLineIds.map((id) => {
      const line = byId.get(id);
      if (!line) throw badRequest('bill_line_not_outstanding', { zh: '所选账单明细不属于该单元的欠费', en: "A chosen bill line is not among the unit's outstanding lines" }, { billLineId: id });
      if (line.outstandingFen <= 0) throw conflict('bill_line_settled', { zh: '所选账单明细已结清', en: 'A chosen bill line is already settled' }, { billLineId: id });
      return line;
    });
  }

  const owedFen = targets.reduce((s, l) => s + l.outstandingFen, 0);
  const allocations: Allocation['allocations'] = [];
  let left = amountFen;
  for (const line of targets) {
    if (left === 0) break;
    const take = Math.min(left, line.outstandingFen);
    allocations.push({ billLineId: line.billLineId, amountFen: take });
    left -= take;
  }
  const giveChange = method === 'cash' && !input.keepExcessAsPrepaid;
  return { allocations, owedFen, changeFen: giveChange ? left : 0, unallocatedFen: giveChange ? 0 : left };
}
