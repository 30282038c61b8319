/** Pure: which fields changed, with sensitive values kept out of the log. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash']);
import { maskIdNumber } from '../../lib/mask.js';
const MASKED_FIELDS: Record<string, (v: string) => string> = { idNumber: maskIdNumber, id_number: maskIdNumber };

export type Changes = Record<string, { before: unknown; after: unknown }>;

function clean(key: string, v: unknown): unknown {
  if (v === undefined) return null;
  if (SECRET_FIELDS.has(key)) return v === null ? null : '***';
  const mask = MASKED_FIELDS[key];
  if (mask && typeof v === 'string') return mask(v);
  return v;
}

/** Fields whose value differs between before and after (either may be null for create/delete). */
export function diffChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Changes = {};
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'updated_at') continue;
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b ?? null) !== JSON.stringify(a ?? null)) out[k] = { before: clean(k, b), after: clean(k, a) };
  }
  return out;
}
