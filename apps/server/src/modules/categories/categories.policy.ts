/**
 * Pure rules of the ticket category tree (分类): the default tree every installation starts
 * with, and where a new category may hang.
 */
import type { TicketKind } from '@propdesk/contracts';

export interface SeedCategory {
  name: string;
  nameEn: string;
  children?: SeedCategory[];
}

const OTHER: SeedCategory = { name: '其他', nameEn: 'Other' };

/**
 * The group-wide default tree. Seeded once per installation (project_id null) rather than per
 * project, so the quality reports count complaints "by category" the same way in every project;
 * a project adds its own categories (or sub-categories) beside these.
 */
export const DEFAULT_CATEGORIES: Record<TicketKind, SeedCategory[]> = {
  repair: [
    { name: '水电', nameEn: 'Water & electricity', children: [{ name: '漏水', nameEn: 'Leaks' }, { name: '停电跳闸', nameEn: 'Power outage' }] },
    { name: '门窗', nameEn: 'Doors & windows' },
    { name: '电梯', nameEn: 'Lifts' },
    { name: '公共设施', nameEn: 'Public facilities' },
    { name: '管道疏通', nameEn: 'Drains' },
    OTHER,
  ],
  complaint: [
    { name: '服务态度', nameEn: 'Service attitude' },
    { name: '噪音', nameEn: 'Noise' },
    { name: '环境卫生', nameEn: 'Cleanliness' },
    { name: '安全', nameEn: 'Security' },
    { name: '收费', nameEn: 'Fees' },
    { name: '维修质量', nameEn: 'Repair quality' },
    OTHER,
  ],
  consultation: [
    { name: '收费', nameEn: 'Fees' },
    { name: '装修', nameEn: 'Renovation' },
    { name: '物业服务', nameEn: 'Services' },
    OTHER,
  ],
  suggestion: [
    { name: '环境绿化', nameEn: 'Landscaping' },
    { name: '设施改进', nameEn: 'Facility improvements' },
    OTHER,
  ],
  help: [
    { name: '开锁', nameEn: 'Lock-out' },
    { name: '紧急求助', nameEn: 'Emergency' },
    OTHER,
  ],
  praise: [
    { name: '服务人员', nameEn: 'Staff' },
    { name: '维修服务', nameEn: 'Repair service' },
    OTHER,
  ],
};

/** Sort keys leave gaps (10, 20, …) so an admin can slot a category in between; 其他 stays last. */
export function seedSort(index: number, cat: SeedCategory): number {
  return cat.name === OTHER.name ? 900 : (index + 1) * 10;
}

export interface CategoryRef {
  kind: string;
  projectId: string | null;
}

/**
 * May a category of `kind` in `projectId` (null = group-wide) hang under `parent`? The parent must
 * be of the same kind, and group-wide or of the same project; a group-wide category cannot sit
 * under one project's category.
 */
export function mayHangUnder(child: CategoryRef, parent: CategoryRef): boolean {
  if (parent.kind !== child.kind) return false;
  if (parent.projectId === null) return true;
  return child.projectId !== null && parent.projectId === child.projectId;
}

/** Two names clash when equal ignoring case and surrounding spaces (一个 “水电” is enough). */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
