import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';

/**
 * A list page's state lives in the URL (page, pageSize, sort, q and filters), so a filtered
 * list can be bookmarked, shared and survives a reload. Answers the query for the API and the
 * antd Table props that drive it.
 */
export function useListParams(defaults: { pageSize?: number; sort?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    params.forEach((v, k) => (q[k] = v));
    q.page ??= '1';
    q.pageSize ??= String(defaults.pageSize ?? 20);
    if (defaults.sort && !q.sort) q.sort = defaults.sort;
    return q;
  }, [params, defaults.pageSize, defaults.sort]);

  /** Change filters (resets to page 1); undefined or '' removes a filter. */
  const setFilters = useCallback(
    (patch: Record<string, string | number | undefined | null>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  const onTableChange = useCallback(
    (p: TablePaginationConfig, _f: unknown, sorter: SorterResult<unknown> | SorterResult<unknown>[]) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.order ? String(s.columnKey ?? s.field) : undefined;
      setFilters({ page: p.current, pageSize: p.pageSize, sort: field ? (s!.order === 'descend' ? `-${field}` : field) : undefined });
    },
    [setFilters],
  );

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: Number(query.page),
    pageSize: Number(query.pageSize),
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (t) => `${t}`,
  });

  /** antd column sortOrder for a field from the current sort. */
  const sortOrder = (field: string) => (query.sort === field ? 'ascend' : query.sort === `-${field}` ? 'descend' : null);

  return { query, setFilters, onTableChange, pagination, sortOrder };
}
