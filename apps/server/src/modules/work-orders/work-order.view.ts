/** Pure: a work order row in the contract's shape. */
import type { WorkOrder } from '@propdesk/contracts';
import type { WorkOrderRow } from './work-order.repository.js';

export function unitLabel(buildingName: string | null, unitNumber: string | null): string | null {
  if (!unitNumber) return null;
  return buildingName ? `${buildingName} ${unitNumber}` : unitNumber;
}

export function toWorkOrder(r: WorkOrderRow): WorkOrder {
  return {
    id: r.id,
    projectId: r.project_id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    number: r.number,
    teamId: r.team_id,
    teamName: r.team_name,
    technicianId: r.technician_id,
    technicianName: r.technician_name,
    status: r.status as WorkOrder['status'],
    note: r.note,
    issuedAt: r.issued_at,
    acceptedAt: r.accepted_at,
    arrivedAt: r.arrived_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    returnReason: r.return_reason,
    workDone: r.work_done,
    materials: JSON.parse(r.materials) as WorkOrder['materials'],
    labourMinutes: r.labour_minutes,
    chargeFen: r.charge_fen,
    qrCode: r.qr_code,
    version: r.version,
    unitLabel: unitLabel(r.building_name, r.unit_number),
    location: r.location,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone,
    description: r.description,
    appointmentFrom: r.appointment_from,
    appointmentTo: r.appointment_to,
    paid: r.paid === null ? null : r.paid === 1,
    kind: r.kind as WorkOrder['kind'],
    priority: r.priority as WorkOrder['priority'],
    categoryName: r.category_name,
    categoryNameEn: r.category_name_en,
  };
}
