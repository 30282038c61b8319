/** Pure rules of the call log (来电登记). */

/** A callback promised without a time is due within two hours (稍后回复). */
export const DEFAULT_CALLBACK_MINUTES = 120;

export function callbackDue(atIso: string, requested: string | undefined): string {
  return requested ? new Date(requested).toISOString() : new Date(Date.parse(atIso) + DEFAULT_CALLBACK_MINUTES * 60_000).toISOString();
}

export function callbackOverdue(c: { callbackNeeded: boolean; callbackDueAt: string | null; callbackDoneAt: string | null }, now: number): boolean {
  return c.callbackNeeded && c.callbackDoneAt === null && c.callbackDueAt !== null && now > Date.parse(c.callbackDueAt);
}

/** Answered by the third ring: the receptionist's yes/no wins; otherwise about 5 seconds a ring → within 15 s. */
export function withinThreeRings(answer: boolean | undefined, ringSeconds: number | undefined): boolean | null {
  if (answer !== undefined) return answer;
  if (ringSeconds !== undefined) return ringSeconds <= 15;
  return null;
}

/** Digits only, for matching a caller to a resident. */
export const digitsOf = (n: string) => n.replace(/\D/g, '');
