/** STUB — being written. The exported signatures are the contract other modules code against. */
import type { Tx } from '../../db/database.js';
import type { Localized } from '../../http/errors.js';

export interface NotifyInput {
  userIds: string[];
  projectId: string | null;
  /** e.g. work_order.issued, ticket.escalated */
  type: string;
  title: Localized;
  body?: Localized;
  /** In-app link, e.g. /tickets/<id> */
  link?: string;
}

/** In-app notifications (the bell), each in its recipient's language; in the caller's transaction. */
export async function notify(_tx: Tx, _n: NotifyInput): Promise<void> {}

export interface OutboxInput {
  channel: 'sms' | 'email';
  recipient: string;
  subject?: string;
  body: string;
  projectId: string | null;
}

/** Queues an SMS or e-mail in the outbox (sent by the pluggable sender), in the caller's transaction. */
export async function queueOutbox(_tx: Tx, _m: OutboxInput): Promise<void> {}

/** Users holding a role (by code) whose grant covers the project (e.g. reception_supervisor, center_director). */
export async function usersWithRoleCovering(_tx: Tx, _roleCode: string, _projectId: string): Promise<string[]> {
  return [];
}
