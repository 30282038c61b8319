/** Pure rules of key custody (钥匙管理). */

/** A loan is overdue when it is not back by its due time. */
export function loanOverdue(dueAt: string, returnedAt: string | null, now: number): boolean {
  return returnedAt === null && now > Date.parse(dueAt);
}

/** The due-back time must lie after lending and within 30 days. */
export function dueProblems(lentAt: number, dueAt: number): { path: string; message: string; messageZh: string }[] {
  if (!(dueAt > lentAt)) return [{ path: 'body.dueAt', message: 'the due-back time must be in the future', messageZh: '归还时间须晚于现在' }];
  if (dueAt - lentAt > 30 * 86_400_000) return [{ path: 'body.dueAt', message: 'a key is lent for at most 30 days', messageZh: '钥匙最长借出 30 天' }];
  return [];
}

/** Copies cannot be fewer than those out right now: they have to come back first. */
export function copiesBelowOut(copies: number, out: number): boolean {
  return copies < out;
}
