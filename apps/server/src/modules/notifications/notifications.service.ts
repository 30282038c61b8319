/**
 * The in-app bell and the outbox. notify / queueOutbox / usersWithRoleCovering run inside the
 * caller's transaction (tickets, work orders, escalations write them together with their change).
 */
import type { Notification } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { NotificationsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { notificationsRepository as repo } from './notifications.repository.js';

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

const NOTIFICATION = { zh: '通知', en: 'notification' };

/** The text in the recipient's language (zh-CN unless she chose English). */
export function inLocale(text: Localized, locale: string): string {
  return locale === 'en' ? text.en : text.zh;
}

/** In-app notifications (the bell), each in its recipient's language; in the caller's transaction. */
export async function notify(tx: Tx, n: NotifyInput): Promise<void> {
  const ids = [...new Set(n.userIds)];
  const recipients = await repo.localesOf(tx, ids);
  const at = nowIso();
  const rows: NotificationsTable[] = recipients.map((u) => ({
    id: newId(),
    user_id: u.id,
    project_id: n.projectId,
    type: n.type,
    title: inLocale(n.title, u.locale).slice(0, 200),
    body: n.body ? inLocale(n.body, u.locale).slice(0, 2000) : null,
    link: n.link ?? null,
    created_at: at,
    read_at: null,
  }));
  await repo.insertMany(tx, rows);
}

export interface OutboxInput {
  channel: 'sms' | 'email';
  recipient: string;
  subject?: string;
  body: string;
  projectId: string | null;
}

/** Queues an SMS or e-mail in the outbox (sent by the pluggable sender), in the caller's transaction. Returns its id. */
export async function queueOutbox(tx: Tx, m: OutboxInput): Promise<string> {
  const id = newId();
  await repo.insertOutbox(tx, {
    id,
    project_id: m.projectId,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject ?? null,
    body: m.body,
    status: 'pending',
    attempts: 0,
    last_error: null,
    created_at: nowIso(),
    sent_at: null,
    claimed_at: null,
  });
  return id;
}

/** The ids in a materialized path "/group/company/center/project/": the node and its ancestors. */
export function pathNodeIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Users holding a role (by code) whose grant covers the project (e.g. reception_supervisor, center_director). */
export async function usersWithRoleCovering(tx: Tx, roleCode: string, projectId: string): Promise<string[]> {
  const project = await repo.projectPath(tx, projectId);
  if (!project) return [];
  return repo.usersWithRoleAt(tx, roleCode, pathNodeIds(project.path));
}

function toNotification(r: NotificationsTable): Notification {
  return { id: r.id, type: r.type, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at };
}

/** The signed-in user's own bell: nobody reads or marks another person's notifications. */
export const notificationsService = {
  async list(ctx: Ctx, q: { unread?: boolean; page: number; pageSize: number; sort?: string }) {
    const { rows, total } = await repo.listForUser(ctx.database.db, ctx.actor.user.id, { unread: q.unread }, q);
    return { items: rows.map(toNotification), total, page: q.page, pageSize: q.pageSize };
  },

  async unreadCount(ctx: Ctx): Promise<{ count: number }> {
    return { count: await repo.unreadCount(ctx.database.db, ctx.actor.user.id) };
  },

  /** Marks one read (idempotent: reading it twice is fine). Someone else's is 404. */
  async markRead(ctx: Ctx, id: string): Promise<Notification> {
    const db = ctx.database.db;
    const userId = ctx.actor.user.id;
    await repo.markRead(db, id, userId, nowIso());
    const row = await repo.findForUser(db, id, userId);
    if (!row) throw notFound(NOTIFICATION);
    return toNotification(row);
  },

  async markAllRead(ctx: Ctx): Promise<{ updated: number }> {
    return { updated: await repo.markAllRead(ctx.database.db, ctx.actor.user.id, nowIso()) };
  },
};
