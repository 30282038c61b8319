/**
 * Intake (受理): a request from any channel becomes a numbered ticket with its SLA due times, in
 * one transaction with its timeline entry, its escalation (a major complaint) and the audit record.
 */
import type { CreateTicketBody } from '@propdesk/contracts';
import { z } from 'zod';
import type { CreateTicketResponse } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { TicketsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUsableCategory } from '../categories/categories.service.js';
import { recordEscalation } from '../escalations/escalations.service.js';
import { residentsRepository } from '../residents/residents.repository.js';
import { computeDueTimes, loadSlaSetup } from '../sla/sla.service.js';
import { routeForBuilding } from '../zones/zones.service.js';
import { counterKey, intakeProblems, invalidInput, localDate, phoneRev, ticketNumber, titleFrom } from './ticket.policy.js';
import { ticketRepository } from './ticket.repository.js';
import { appendEvent, scopeOf } from './ticket.service.js';
import { initialStatus, INTAKE_PERMISSION } from './ticket.state.js';
import { nextCounter } from '../../db/counters.js';

const PROJECT: Localized = { zh: '项目', en: 'project' };

const notInProject = (code: string, path: string, zh: string, en: string) => new AppError(400, code, { zh, en }, [{ path, message: en, messageZh: zh }]);

/**
 * `linkInSameTx` lets another module record its link to the new ticket (a call turned into a
 * ticket) inside intake's transaction: both are written, or neither.
 */
export async function createTicket(
  ctx: Ctx,
  input: CreateTicketBody,
  linkInSameTx?: (tx: Tx, ticket: { id: string; number: string }) => Promise<void>,
): Promise<z.infer<typeof CreateTicketResponse>> {
  const problems = intakeProblems(input);
  if (problems.length > 0) throw invalidInput(problems);
  if (!scopeOf(ctx, INTAKE_PERMISSION).projectIds.includes(input.projectId)) throw notFound(PROJECT);

  return ctx.database.db.transaction().execute(async (tx) => {
    const project = await ticketRepository.findOrgUnit(tx, input.projectId);
    if (!project || project.kind !== 'project' || !project.parent_id) throw notFound(PROJECT);

    // Where: a unit of this project (its building's zone routes the work), or a public area (a zone may be chosen).
    let buildingId: string | null = null;
    let zoneId: string | null = null;
    if (input.unitId) {
      const unit = await ticketRepository.findUnitPlace(tx, input.unitId);
      if (!unit || unit.project_id !== input.projectId) throw notInProject('unit_not_in_project', 'body.unitId', '所选房屋不属于该项目', 'The unit is not one of this project\'s units');
      buildingId = unit.building_id;
      zoneId = (await routeForBuilding(tx, input.projectId, unit.building_id))?.zoneId ?? null;
    }
    if (input.zoneId) {
      const zone = await ticketRepository.findZone(tx, input.zoneId);
      if (!zone || zone.project_id !== input.projectId) throw notInProject('zone_not_in_project', 'body.zoneId', '所选责任区不属于该项目', 'The zone is not one of this project\'s zones');
      zoneId = zone.id;
    }

    // Who: a known resident of this project, or a name and phone.
    let requesterName = input.requesterName ?? null;
    let requesterPhone = input.requesterPhone ?? null;
    if (input.requesterResidentId) {
      const resident = await residentsRepository.findById(tx, input.requesterResidentId);
      if (!resident || resident.project_id !== input.projectId) {
        throw notInProject('resident_not_in_project', 'body.requesterResidentId', '所选住户不属于该项目', 'The resident is not a resident of this project');
      }
      // The caller may give the number to call back on; otherwise the resident's own.
      requesterName = input.requesterName ?? resident.name;
      requesterPhone = input.requesterPhone ?? resident.phone;
    }

    if (input.categoryId && !(await findUsableCategory(tx, input.projectId, input.kind, input.categoryId))) {
      throw notInProject('category_invalid', 'body.categoryId', '所选分类不可用于该类工单', 'The category does not exist for this kind of request in this project');
    }

    const now = nowIso();
    const date = localDate(now, project.timezone);
    const number = ticketNumber(input.kind, date, await nextCounter(tx, counterKey.ticket(input.projectId, input.kind, date)));
    const setup = await loadSlaSetup(tx, input.projectId);
    const due = computeDueTimes(setup, input.kind, input.priority, now);
    const status = initialStatus(input.kind, input.answer !== undefined);
    const answered = status === 'resolved';

    const row: TicketsTable = {
      id: newId(),
      project_id: input.projectId,
      center_id: project.parent_id,
      number,
      kind: input.kind,
      channel: input.channel,
      status,
      priority: input.priority,
      major: input.major ? 1 : 0,
      category_id: input.categoryId ?? null,
      unit_id: input.unitId ?? null,
      building_id: buildingId,
      location: input.location ?? null,
      zone_id: zoneId,
      requester_resident_id: input.requesterResidentId ?? null,
      requester_name: requesterName,
      requester_phone: requesterPhone,
      requester_phone_rev: requesterPhone ? phoneRev(requesterPhone) : null,
      title: input.title ?? titleFrom(input.description),
      description: input.description,
      answer: input.answer ?? null,
      appointment_from: input.appointmentFrom ? new Date(input.appointmentFrom).toISOString() : null,
      appointment_to: input.appointmentTo ? new Date(input.appointmentTo).toISOString() : null,
      paid: input.paid === undefined ? null : input.paid ? 1 : 0,
      team_id: null,
      technician_id: null,
      // The receptionist who took it follows it up (queue "mine").
      assignee_id: ctx.actor.user.id,
      created_by: ctx.actor.user.id,
      created_at: now,
      updated_at: now,
      version: 1,
      sla_clock: due.clock,
      response_due_at: due.response,
      arrival_due_at: due.arrival,
      resolution_due_at: due.resolution,
      // A consultation answered on the spot met its response and resolution targets at once.
      responded_at: answered ? now : null,
      arrived_at: null,
      resolved_at: answered ? now : null,
      closed_at: null,
      sla_remaining: null,
      hold_reason: null,
      hold_until: null,
      status_before_hold: null,
      cancel_reason: null,
      escalation_level: 0,
      visit_due_at: null,
      visit_attempts: 0,
      satisfaction: null,
      reopen_count: 0,
      valid_complaint: 0,
      complaint_against_user_id: null,
      complaint_against_team_id: null,
      complaint_category: null,
    };
    await ticketRepository.insert(tx, row);
    await appendEvent(tx, ctx, row, { type: 'created', to: status, body: row.description, data: { kind: row.kind, channel: row.channel, priority: row.priority, major: input.major } }, now);
    if (answered) await appendEvent(tx, ctx, row, { type: 'reply', body: row.answer, internal: false, from: 'new', to: 'resolved' }, now);

    // A major complaint goes to the reception supervisor at once (level 1; the SLA scan raises it further if targets slip).
    if (input.major) {
      await recordEscalation(tx, {
        ticketId: row.id, projectId: row.project_id, ticketNumber: number, cycle: 0, level: 1, target: 'major', reason: 'major', dueAt: null,
        actor: { id: ctx.actor.user.id, name: ctx.actor.user.displayName },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'ticket.create', entity: 'ticket', entityId: row.id, projectId: row.project_id, before: null,
      after: { number, kind: row.kind, channel: row.channel, status, priority: row.priority, major: input.major, unitId: row.unit_id, location: row.location, requesterName, title: row.title },
    });
    if (linkInSameTx) await linkInSameTx(tx, { id: row.id, number });
    return {
      id: row.id,
      number,
      status,
      dueAt: { response: row.response_due_at, ...(row.arrival_due_at ? { arrival: row.arrival_due_at } : {}), resolution: row.resolution_due_at },
    };
  });
}
