import dayjs from 'dayjs';

/** An instant as YYYY-MM-DD HH:mm:ss in the browser's time zone ('' when absent). */
export function formatInstant(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  return dayjs(iso).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** Is the account locked right now? */
export function isLocked(lockedUntil: string | null | undefined): boolean {
  return !!lockedUntil && dayjs(lockedUntil).isAfter(dayjs());
}
