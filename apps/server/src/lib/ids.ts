import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Opaque ids: 9 chars of millisecond time (keeps inserts in index order) + 12 random chars
 * (62 bits: not guessable). Lower-case base36 so they are URL- and log-safe.
 */
export function newId(now = Date.now()): string {
  let t = now.toString(36).padStart(9, '0');
  const bytes = randomBytes(12);
  for (let i = 0; i < 12; i++) t += ALPHABET[bytes[i]! % 36];
  return t;
}

/** A secret token (sessions, API tokens, QR codes): 32 random bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
