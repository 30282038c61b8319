/**
 * The app's clock: real time, except while the demo seed lays down past days of work through the
 * real services (`atTime`, at start-up before the server listens). Nothing else moves it.
 */
let offsetMs = 0;

/** Timestamps are stored as ISO 8601 UTC strings in both dialects: they sort as text. */
export function nowIso(): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Runs `work` with the clock reading `iso` when it starts (and running on from there). */
export async function atTime<T>(iso: string, work: () => Promise<T>): Promise<T> {
  const before = offsetMs;
  offsetMs = Date.parse(iso) - Date.now();
  try {
    return await work();
  } finally {
    offsetMs = before;
  }
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
