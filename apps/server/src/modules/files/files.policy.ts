/**
 * Pure rules of photos and files (照片与附件): which bytes are accepted, what a stored name looks
 * like, which purposes fit which owner, who may attach to a work order and when.
 *
 * The type is decided by the file's first bytes (its "magic number"), never by the name or the
 * type the browser declared: a text file renamed .png is refused, and what is stored and served
 * back as content-type is what the bytes are.
 */
import type { AttachmentOwner, AttachmentPurpose, WorkOrderStatus } from '@propdesk/contracts';
import { ATTACHMENT_MIME_TYPES } from '@propdesk/contracts';
import { mayAssign, mayWork, type OrderRef, type TeamRef } from '../work-orders/work-order.policy.js';

export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b);

/** HEIF brands that hold HEVC-coded images (what iPhones write). AVIF shares the container, not the brands. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
/** Generic HEIF brands: HEIC only when a compatible brand says so. */
const HEIF_GENERIC = new Set(['mif1', 'msf1']);

function isHeic(bytes: Uint8Array): boolean {
  // ISO base media file: [box size: 4][ "ftyp" ][major brand: 4][minor version: 4][compatible brands: 4 each …]
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const major = ascii(bytes, 8, 12);
  if (HEIC_BRANDS.has(major)) return true;
  if (!HEIF_GENERIC.has(major)) return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(boxSize, bytes.length, 256);
  for (let i = 16; i + 4 <= end; i += 4) if (HEIC_BRANDS.has(ascii(bytes, i, i + 4))) return true;
  return false;
}

/** The accepted type these bytes are, or null (anything else, an empty file, a renamed text file). */
export function sniffMime(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (isHeic(bytes)) return 'image/heic';
  return null;
}

export const isImage = (mime: string) => mime.startsWith('image/');

const EXTENSION: Record<AttachmentMime, string> = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/heic': '.heic', 'application/pdf': '.pdf',
};

/**
 * The name a file is stored and offered under: the last path segment of what the browser sent,
 * without control characters, at most 200 characters (the extension kept); a photo straight
 * from a phone camera without a name gets one from its type.
 */
export function storedName(sent: string | undefined, mime: AttachmentMime): string {
  // eslint-disable-next-line no-control-regex
  const base = (sent ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base || base === '.' || base === '..') return `${mime.startsWith('image/') ? 'photo' : 'document'}${EXTENSION[mime]}`;
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

/**
 * What a stored file belongs to. A notice's file is uploaded before the notice exists: it waits as
 * `notice_upload` of its uploader (owner_id = the user) until publishing claims it for the notice
 * (`notice`, owner_id = the notice).
 */
export type FileOwnerType = AttachmentOwner | 'notice' | 'notice_upload';

const PURPOSES: Record<FileOwnerType, readonly AttachmentPurpose[]> = {
  ticket: ['photo', 'document'],
  work_order: ['completion', 'photo', 'document'],
  renovation: ['photo', 'document'],
  notice: ['photo', 'document'],
  notice_upload: ['photo', 'document'],
};

/** The purposes a file of this owner may have. */
export const purposesFor = (owner: FileOwnerType) => PURPOSES[owner];

/** When none is given: a work order's file is a completion photo; a ticket's is a photo or a document by its type. */
export function defaultPurpose(owner: FileOwnerType, mime: string): AttachmentPurpose {
  if (owner === 'work_order') return 'completion';
  return isImage(mime) ? 'photo' : 'document';
}

/** Work orders in someone's hands or finished take photos; issued (nobody has it yet), returned and transferred ones do not. */
export const WORK_ORDER_ATTACH_STATUSES: readonly WorkOrderStatus[] = ['accepted', 'working', 'done'];

/**
 * Who attaches to a work order: whoever works it (its technician, or the team's leader on his
 * behalf, as for finishing it), or whoever may assign it (the leader, a dispatcher).
 */
export function mayAttachToOrder(o: OrderRef, team: TeamRef, userId: string, assignProjectIds: readonly string[]): boolean {
  return mayWork('finish', o, team, userId) || mayAssign(o, team, userId, assignProjectIds);
}

/** `inline; filename*=UTF-8''…` (RFC 6266 / 5987: every byte outside attr-char percent-encoded). */
export function inlineDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename*=UTF-8''${encoded}`;
}

/**
 * The content-security-policy a served file carries instead of the app's. An image is shown by
 * the browser's own image page (inline styles only). A PDF opens in Chrome's viewer, an embedded
 * plugin that `object-src 'none'` (the app's default) blocks (crbug.com/271452): it only keeps
 * other sites from framing it.
 */
export function fileCsp(mime: string): string {
  if (mime === 'application/pdf') return "frame-ancestors 'self'";
  return "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
}
