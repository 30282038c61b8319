import { describe, expect, it } from 'vitest';
import { dueTimes, duplicateIds, isLate, withIds } from './checklists.policy.js';

const at = (local: string) => Date.parse(`${local}:00+08:00`);
// Saturday at the mall: 09:30–22:30.
const OPEN = [[at('2026-12-05T09:30'), at('2026-12-05T22:30')]] as const;

describe('checklist lateness', () => {
  it('puts "music on" at opening and "music off" 10 minutes before closing', () => {
    const items = withIds([
      { text: '开启背景音乐', anchor: 'open', offsetMinutes: 0 },
      { text: '关闭背景音乐', anchor: 'close', offsetMinutes: -10 },
    ]);
    expect(dueTimes(items, OPEN)).toEqual([
      { id: 'i1', text: '开启背景音乐', dueAt: at('2026-12-05T09:30') },
      { id: 'i2', text: '关闭背景音乐', dueAt: at('2026-12-05T22:20') },
    ]);
    expect(dueTimes(items, [])).toBeNull();
  });

  it('flags an item not ticked by its time, or ticked after it; not one ticked in time', () => {
    const due = at('2026-12-05T22:20');
    expect(isLate(due, null, at('2026-12-05T22:21'))).toBe(true);
    expect(isLate(due, null, at('2026-12-05T22:19'))).toBe(false);
    expect(isLate(due, at('2026-12-05T22:25'), at('2026-12-05T23:00'))).toBe(true);
    expect(isLate(due, at('2026-12-05T22:15'), at('2026-12-05T23:00'))).toBe(false);
  });

  it('keeps existing item ids and finds duplicates', () => {
    expect(withIds([{ id: 'i1', text: 'a', anchor: 'open', offsetMinutes: 0 }, { text: 'b', anchor: 'open', offsetMinutes: 0 }]).map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(duplicateIds([{ id: 'x', text: 'a', anchor: 'open', offsetMinutes: 0 }, { id: 'x', text: 'b', anchor: 'open', offsetMinutes: 0 }])).toEqual(['x']);
  });
});
