/**
 * Pure rules of the opening and closing checklists: when each item is due on a day (relative to
 * that day's opening or closing time — e.g. background music off 10 minutes before closing), and
 * which items are late (not ticked by their time, or ticked after it).
 */
import type { ChecklistItemDef } from '@propdesk/contracts';

/** Due instant of each item on a day with the given open intervals; null when the desk is closed. */
export function dueTimes(items: readonly Required<ChecklistItemDef>[], open: readonly (readonly [number, number])[]): { id: string; text: string; dueAt: number }[] | null {
  if (open.length === 0) return null;
  const opening = Math.min(...open.map((o) => o[0]));
  const closing = Math.max(...open.map((o) => o[1]));
  return items.map((it) => ({ id: it.id, text: it.text, dueAt: (it.anchor === 'open' ? opening : closing) + it.offsetMinutes * 60_000 }));
}

export function isLate(dueAt: number, checkedAt: number | null, now: number): boolean {
  return checkedAt === null ? now > dueAt : checkedAt > dueAt;
}

/** Items keep their ids across edits (ticks refer to them); new ones get the next free "iN". */
export function withIds(items: readonly ChecklistItemDef[]): Required<ChecklistItemDef>[] {
  const used = new Set(items.map((i) => i.id).filter((x): x is string => !!x));
  let n = 1;
  return items.map((i) => {
    if (i.id) return { ...i, id: i.id };
    while (used.has(`i${n}`)) n++;
    used.add(`i${n}`);
    return { ...i, id: `i${n}` };
  });
}

/** Duplicate ids would make a tick ambiguous. */
export function duplicateIds(items: readonly ChecklistItemDef[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const i of items) if (i.id) (seen.has(i.id) ? dup : seen).add(i.id);
  return [...dup];
}
