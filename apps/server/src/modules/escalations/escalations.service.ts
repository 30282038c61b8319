/** STUB — being written. The exported signatures are the contract other modules code against. */
import type { Tx } from '../../db/database.js';

export interface EscalationInput {
  ticketId: string;
  projectId: string;
  ticketNumber: string;
  /** 1: reception supervisor; 2: center director. */
  level: 1 | 2;
  target: 'response' | 'arrival' | 'resolution' | 'major';
  reason: 'warning' | 'breach' | 'major';
  dueAt: string | null;
  /** Who triggered it (null: the background job). */
  actor: { id: string; name: string } | null;
}

/**
 * Records an escalation once (a unique key makes a second, concurrent attempt a no-op), raises the
 * ticket's escalation level, appends it to the ticket's timeline and notifies the level's people.
 * Returns false when it had already been recorded.
 */
export async function recordEscalation(_tx: Tx, _e: EscalationInput): Promise<boolean> {
  return false;
}
