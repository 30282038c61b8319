import { z } from 'zod';

/** Opaque record id (time-sortable, not guessable). */
export const Id = z.string().min(8).max(40).regex(/^[0-9a-z]+$/, 'invalid id');
export type Id = z.infer<typeof Id>;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

/** ISO 8601 instant with offset, e.g. 2026-11-29T19:41:00.000Z */
export const Instant = z.string().datetime({ offset: true });
/** Calendar date in the project's time zone, YYYY-MM-DD. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Mainland mobile number (11 digits starting with 1) or a landline with area code. */
export const Phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, 'not a valid mobile or landline number');

/** Resident identity number (18-digit PRC ID, or passport / other document up to 30 chars). */
export const IdNumber = z.string().trim().min(5).max(30).regex(/^[0-9A-Za-z-]+$/, 'not a valid ID number');

export const Name = z.string().trim().min(1).max(100);
export const ShortText = z.string().trim().max(200);
export const LongText = z.string().trim().max(4000);

/** Every list answers the same page shape. */
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Common list query: page, pageSize (max 200), sort ("-createdAt"), q. */
export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .string()
    .regex(/^-?[A-Za-z]+$/, 'sort is a field name, optionally prefixed with -')
    .optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** Boolean query parameter: "true"/"false"/"1"/"0". */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: Id });

export const Ok = z.object({ ok: z.literal(true) });
