/**
 * Pure rules of incidents (突发事件): who hears of one by its severity (document 2: report by
 * procedure to the superior or the operations department 营运部), and the open → closed lifecycle.
 */
import type { EscalationTarget, Severity } from '@propdesk/contracts';

const ORDER: Severity[] = ['low', 'medium', 'high', 'critical'];

/** low: the desk handles it; medium: the supervisor; high: + operations; critical: + the center director. */
export function escalationTargets(severity: Severity): EscalationTarget[] {
  switch (severity) {
    case 'low': return [];
    case 'medium': return ['supervisor'];
    case 'high': return ['supervisor', 'operations'];
    case 'critical': return ['supervisor', 'operations', 'director'];
  }
}

/** Targets to notify when the severity changes: those of the new level not notified yet (severity never drops). */
export function newTargets(notified: readonly EscalationTarget[], severity: Severity): EscalationTarget[] {
  return escalationTargets(severity).filter((t) => !notified.includes(t));
}

export const severityRank = (s: Severity) => ORDER.indexOf(s);

/** Actions and closing need an open incident; an acknowledgement may come after closing (it records who heard of it). */
export type IncidentEvent = 'act' | 'acknowledge' | 'close';
export function mayFire(status: 'open' | 'closed', event: IncidentEvent): boolean {
  return status === 'open' || event === 'acknowledge';
}
