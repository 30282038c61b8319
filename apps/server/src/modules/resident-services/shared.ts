/**
 * What the resident-service modules share in their services: the unit in the actor's scope,
 * readable numbers, the project's local date, JSON columns, gate-check logging.
 */
import type { Permission } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { localDateOf } from '../sla/sla.clock.js';
import { serviceCounterKey, serviceNumber } from '../passes/gate.rules.js';
import { sharedRepository, type UnitRef } from './shared.repository.js';
import { nextCounter } from '../../db/counters.js';

export const UNIT: Localized = { zh: '房屋', en: 'unit' };

/** A field-level 400 the form can show next to the field. */
export const badField = (code: string, path: string, zh: string, en: string) => new AppError(400, code, { zh, en }, [{ path, message: en, messageZh: zh }]);

/** The unit, when its project is in the actor's scope for `permission` (404 otherwise, as if it did not exist). */
export async function unitInScope(tx: Tx, ctx: Ctx, permission: Permission, unitId: string, path = 'body.unitId'): Promise<UnitRef> {
  const unit = await sharedRepository.unit(tx, unitId);
  if (!unit || !(await scopedProjectIds(ctx, permission)).includes(unit.project_id)) {
    throw badField('unit_not_found', path, '房屋不存在', 'The unit does not exist');
  }
  return unit;
}

/** A record's project must be in scope for `permission`: 404 otherwise. */
export async function requireScope(ctx: Ctx, permission: Permission, projectId: string, what: Localized): Promise<void> {
  if (!(await scopedProjectIds(ctx, permission)).includes(projectId)) throw notFound(what);
}

export async function projectTimezone(tx: Tx, projectId: string): Promise<string> {
  return (await sharedRepository.project(tx, projectId))?.timezone ?? 'Asia/Shanghai';
}

export function todayIn(timezone: string, now = nowIso()): string {
  return localDateOf(timezone, now);
}

/** The next readable number of this kind in the project, in the transaction. */
export async function allocateNumber(tx: Tx, prefix: string, projectId: string, timezone: string, now = nowIso()): Promise<string> {
  const date = localDateOf(timezone, now);
  return serviceNumber(prefix, date, await nextCounter(tx, serviceCounterKey(prefix, projectId, date)));
}

export const parseJson = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

/** Logs one check at a gate (every scan, typed number, release and entry). */
export async function logGateCheck(tx: Tx, ctx: Ctx, e: { projectId: string | null; subject: 'pass' | 'item_release'; subjectId: string | null; number: string | null; result: string; action: 'check' | 'release' | 'entry'; gate?: string | null }): Promise<string> {
  const id = newId();
  await sharedRepository.insertGateCheck(tx, {
    id, project_id: e.projectId, subject: e.subject, subject_id: e.subjectId, number: e.number, result: e.result, action: e.action,
    gate: e.gate ?? null, checked_by: ctx.actor.user.id, checked_at: nowIso(),
  });
  return id;
}

export const conflictChanged = (what: Localized) =>
  new AppError(409, 'conflict', { zh: `${what.zh}已被他人修改，请刷新后重试`, en: `The ${what.en} was changed by someone else: reload it and try again` });
