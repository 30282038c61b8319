/**
 * What the resident-service pages share: labels of their states, status tags, the project/unit
 * filter row, and small helpers (money, dates, today's date in the project's zone).
 */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import type { T } from '../../i18n/i18n';

type Labels = Record<string, [zh: string, en: string, color?: string]>;

export const MOVE_STATUS: Labels = { open: ['办理中', 'In progress', 'processing'], completed: ['已办结', 'Completed', 'success'], cancelled: ['已取消', 'Cancelled', 'default'] };
export const UTILITY_KIND: Labels = { water: ['自来水', 'Water'], electricity: ['电', 'Electricity'], gas: ['燃气', 'Gas'], cable_tv: ['有线电视', 'Cable TV'] };
export const UTILITY_STATUS: Labels = { requested: ['待申请', 'Requested', 'default'], submitted: ['已提交', 'Submitted', 'processing'], opened: ['已开户', 'Opened', 'success'], failed: ['未成功', 'Failed', 'error'] };
export const MOVE_IN_STEP: Labels = {
  identity: ['核验身份与产权证明', 'Identity and ownership documents checked'],
  convention: ['签署业主公约', 'Owners\' convention signed'],
  fees: ['费用结清或预交', 'Fees settled or prepaid'],
  meters: ['交接表底数', 'Handover meter readings'],
  keys: ['移交钥匙', 'Keys handed over'],
};
export const MOVE_OUT_STEP: Labels = { meters: ['最终表底数', 'Final meter readings'], keys: ['收回钥匙', 'Keys returned'] };
export const RELEASE_STATUS: Labels = {
  awaiting_owner: ['待业主确认', 'Awaiting owner', 'warning'], submitted: ['待审批', 'Awaiting approval', 'processing'], approved: ['已批准', 'Approved', 'success'],
  released: ['已放行', 'Released', 'default'], rejected: ['已驳回', 'Rejected', 'error'], cancelled: ['已取消', 'Cancelled', 'default'],
};
export const CONFIRMATION_METHOD: Labels = { phone: ['电话确认', 'By phone'], in_person: ['本人到场', 'In person'], written: ['书面确认', 'In writing'], online: ['线上确认', 'Online'] };
export const RENOVATION_STATUS: Labels = {
  submitted: ['待审核', 'Under review', 'processing'], approved: ['已批准', 'Approved', 'cyan'], paid: ['已缴费', 'Paid', 'blue'], in_progress: ['施工中', 'In progress', 'geekblue'],
  rework: ['整改中', 'Rework', 'warning'], accepted: ['验收合格', 'Accepted', 'success'], closed: ['已结案', 'Closed', 'default'], rejected: ['已驳回', 'Rejected', 'error'], cancelled: ['已取消', 'Cancelled', 'default'],
};
export const PASS_KIND: Labels = { worker: ['施工人员出入证', 'Worker pass'], vehicle: ['车辆出入证', 'Vehicle pass'] };
export const VERIFY_STATUS: Labels = {
  valid: ['有效', 'Valid', 'success'], not_yet_valid: ['尚未生效', 'Not yet valid', 'warning'], expired: ['已过期', 'Expired', 'error'], revoked: ['已注销', 'Revoked', 'error'],
  used: ['已使用', 'Used', 'error'], not_approved: ['未批准', 'Not approved', 'error'], unknown: ['无效/未知', 'Unknown', 'error'],
};

export function labelOf(labels: Labels, code: string | null | undefined, locale: string): string {
  if (!code) return '';
  const l = labels[code];
  return l ? (locale === 'en' ? l[1] : l[0]) : code;
}

export function StateTag({ labels, code }: { labels: Labels; code: string }) {
  const { locale } = useI18n();
  return <Tag color={labels[code]?.[2]}>{labelOf(labels, code, locale)}</Tag>;
}

/** 12345 fen → "¥123.45" */
export function fen(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  return `${sign}¥${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Yuan typed in a form → integer fen (never floats on the wire). */
export const toFen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Today's date in Asia/Shanghai (the projects' zone), for date defaults. */
export function shanghaiToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
}

/** 0.001 units → "123.456" */
export const milli = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (v / 1000).toFixed(3).replace(/\.?0+$/, ''));

export const unitLabel = (r: { buildingName: string; unitNumber: string }) => `${r.buildingName} ${r.unitNumber}`;

export type { T };

export const RELATION_LABELS: Labels = { owner: ['业主', 'Owner'], tenant: ['租户', 'Tenant'], family: ['家属', 'Family'] };
export const RELATIONS_OPTIONS = (locale: string) => Object.keys(RELATION_LABELS).map((k) => ({ value: k, label: labelOf(RELATION_LABELS, k, locale) }));
