/**
 * Pure: the rules a gate check rests on — validity windows in the project's time zone, the
 * shape of a QR code and of a printed number, and the readable numbers themselves.
 *
 * A pass valid "to 2026-12-31" is good through 23:59:59.999 of that day in the project's zone
 * (Asia/Shanghai: until 2026-12-31T15:59:59.999Z), not until midnight UTC.
 */
import type { VerifyStatus } from '@propdesk/contracts';
import { localDateOf } from '../sla/sla.clock.js';

export type WindowStatus = 'not_yet_valid' | 'valid' | 'expired';

/** Where `nowIso` falls against the calendar dates from…to (both inclusive) in `timezone`. */
export function windowStatus(validFrom: string, validTo: string, nowIso: string, timezone: string): WindowStatus {
  const today = localDateOf(timezone, nowIso);
  if (today < validFrom) return 'not_yet_valid';
  if (today > validTo) return 'expired';
  return 'valid';
}

/** A pass's answer now: revoked wins over its dates. */
export function passVerdict(p: { status: string; valid_from: string; valid_to: string }, nowIso: string, timezone: string): VerifyStatus {
  if (p.status === 'revoked') return 'revoked';
  return windowStatus(p.valid_from, p.valid_to, nowIso, timezone);
}

/**
 * A release slip's answer now. Approved slips are good from approval through the end of the
 * planned day (moving out early is fine, a week later is not).
 */
export function releaseVerdict(r: { status: string; planned_date: string }, nowIso: string, timezone: string): VerifyStatus {
  if (r.status === 'released') return 'used';
  if (r.status !== 'approved') return 'not_approved';
  return localDateOf(timezone, nowIso) > r.planned_date ? 'expired' : 'valid';
}

/** The QR carries 32 random bytes in base64url (43 characters): 256 bits nobody guesses. */
export const QR_CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Printed numbers: PREFIX-YYYYMMDD-NNNN (typed by the guard when the QR will not scan). */
export const NUMBER_PATTERN = /^[A-Z]{2}-\d{8}-\d{4,}$/;

/** What the guard presented: a QR secret, a printed number (upper-cased), or nothing we could have issued. */
export function classifyCode(raw: string): { kind: 'qr'; code: string } | { kind: 'number'; number: string } | { kind: 'invalid' } {
  const text = raw.trim();
  if (QR_CODE_PATTERN.test(text)) return { kind: 'qr', code: text };
  const upper = text.toUpperCase();
  if (NUMBER_PATTERN.test(upper)) return { kind: 'number', number: upper };
  return { kind: 'invalid' };
}

/** Readable number prefixes per record kind. */
export const NUMBER_PREFIX = {
  moveIn: 'RH', // 入伙
  moveOut: 'BL', // 搬离
  itemRelease: 'FX', // 放行
  renovation: 'ZS', // 装饰装修
  permit: 'XK', // 许可证
  workerPass: 'SG', // 施工
  vehiclePass: 'CL', // 车辆
} as const;

/** FX-20261129-0007: prefix, the project's local date, a 4-digit sequence (more digits past 9999). */
export function serviceNumber(prefix: string, localDate: string, seq: number): string {
  return `${prefix}-${localDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

export const serviceCounterKey = (prefix: string, projectId: string, localDate: string) => `rs:${prefix}:${projectId}:${localDate}`;
