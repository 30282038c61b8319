import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, mayHangUnder, sameName, seedSort } from './categories.policy.js';

describe('default category tree', () => {
  it('covers every kind, ends each list with 其他, and names the issue’s categories', () => {
    expect(Object.keys(DEFAULT_CATEGORIES).sort()).toEqual(['complaint', 'consultation', 'help', 'praise', 'repair', 'suggestion']);
    for (const list of Object.values(DEFAULT_CATEGORIES)) {
      expect(list.at(-1)!.name).toBe('其他');
      expect(list.length).toBeGreaterThanOrEqual(3);
      const sorts = list.map((c, i) => seedSort(i, c));
      expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
    }
    expect(DEFAULT_CATEGORIES.repair.map((c) => c.name)).toEqual(['水电', '门窗', '电梯', '公共设施', '管道疏通', '其他']);
    expect(DEFAULT_CATEGORIES.complaint.map((c) => c.name)).toEqual(['服务态度', '噪音', '环境卫生', '安全', '收费', '维修质量', '其他']);
    expect(DEFAULT_CATEGORIES.consultation.map((c) => c.name)).toEqual(['收费', '装修', '物业服务', '其他']);
  });
});

describe('where a category may hang', () => {
  it('needs the same kind; a project category may sit under a group-wide one, not under another project’s', () => {
    expect(mayHangUnder({ kind: 'repair', projectId: 'a' }, { kind: 'repair', projectId: null })).toBe(true);
    expect(mayHangUnder({ kind: 'repair', projectId: 'a' }, { kind: 'repair', projectId: 'a' })).toBe(true);
    expect(mayHangUnder({ kind: 'repair', projectId: 'a' }, { kind: 'repair', projectId: 'b' })).toBe(false);
    expect(mayHangUnder({ kind: 'repair', projectId: null }, { kind: 'repair', projectId: 'a' })).toBe(false);
    expect(mayHangUnder({ kind: 'repair', projectId: null }, { kind: 'complaint', projectId: null })).toBe(false);
  });

  it('compares names ignoring case and spaces', () => {
    expect(sameName(' Lifts', 'lifts')).toBe(true);
    expect(sameName('水电', '电梯')).toBe(false);
  });
});
