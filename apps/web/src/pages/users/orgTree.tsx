import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgUnit, OrgUnitKind, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { label, ORG_KINDS } from '../../i18n/terms';

/** Every org node the user may see (the tree is small: a center runs a handful of projects). */
export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: ['org-units', 'all'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { pageSize: 200 }),
    staleTime: 60_000,
    enabled,
  });
}

export interface OrgTreeNode {
  value: string;
  title: string;
  name: string;
  kind: OrgUnitKind;
  disabled?: boolean;
  children: OrgTreeNode[];
}

/** TreeSelect data built from parentId; nodes whose parent is not visible become roots. */
export function buildOrgTree(units: OrgUnit[], locale: string, disabled?: (u: OrgUnit) => boolean): OrgTreeNode[] {
  const byId = new Map<string, OrgTreeNode>();
  for (const u of units) {
    byId.set(u.id, { value: u.id, name: u.name, kind: u.kind, title: `${u.name} · ${label(ORG_KINDS, u.kind, locale)}`, disabled: disabled?.(u), children: [] });
  }
  const roots: OrgTreeNode[] = [];
  for (const u of units) {
    const node = byId.get(u.id)!;
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Org node picker. `disableKinds`: kinds that cannot be chosen (roles are not granted at a building). */
export function OrgTreeSelect(props: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  disableKinds?: OrgUnitKind[];
  id?: string;
  'aria-label'?: string;
}) {
  const { locale, t } = useI18n();
  const units = useOrgUnits();
  const { disableKinds } = props;
  const treeData = useMemo(
    () => buildOrgTree(units.data?.items ?? [], locale, disableKinds ? (u) => disableKinds.includes(u.kind) : undefined),
    [units.data, locale, disableKinds],
  );
  return (
    <TreeSelect
      id={props.id}
      aria-label={props['aria-label'] ?? t('组织节点', 'Org unit')}
      style={{ minWidth: 220, ...props.style }}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('选择组织节点', 'Choose an org unit')}
      loading={units.isLoading}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
