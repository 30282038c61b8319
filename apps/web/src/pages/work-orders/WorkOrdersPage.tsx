/**
 * 我的派工单: the technician's orders on a phone — to accept (his own and his team's pool), in
 * progress, done — as big cards with tap-to-call and the next step as a big button. A team's
 * leader (and whoever assigns work) also gets the team's orders, to assign and transfer.
 */
import { useMemo } from 'react';
import { Button, Empty, Pagination, Segmented, Select, Space, Spin, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, WorkOrder } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useListParams } from '../../components/list';
import { useCrew, WorkOrderCard, type Crew } from './shared';

type Tab = 'todo' | 'doing' | 'done' | 'team';
const OPEN = 'issued,accepted,working';

function useOrders(query: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: ['work-orders', 'list', query],
    queryFn: () => api.get<Page<WorkOrder>>('/api/work-orders', query),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export default function WorkOrdersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { crew, loading: crewLoading } = useCrew();
  const { query, setFilters } = useListParams({ pageSize: 20 });
  const works = can('work_orders.work');
  const teamView = crew.ledTeamIds.length > 0 || can('work_orders.assign');
  const tab: Tab = (query.tab as Tab | undefined) ?? (works ? 'todo' : 'team');
  const page = Number(query.page);

  const mineIssued = useOrders({ technicianId: 'me', status: 'issued', pageSize: 100, sort: 'issuedAt' }, works);
  const doing = useOrders({ technicianId: 'me', status: 'accepted,working', pageSize: 100, sort: 'issuedAt' }, works);
  // The pool: orders issued to one of my teams that nobody has been named for yet.
  const pools = useQueries({
    queries: (works ? crew.memberTeamIds : []).map((teamId) => ({
      queryKey: ['work-orders', 'list', { teamId, status: 'issued', pageSize: 100, sort: 'issuedAt' }],
      queryFn: () => api.get<Page<WorkOrder>>('/api/work-orders', { teamId, status: 'issued', pageSize: 100, sort: 'issuedAt' }),
      refetchInterval: 60_000,
    })),
  });
  const pool = useMemo(() => {
    const seen = new Set<string>();
    return pools.flatMap((p) => p.data?.items ?? []).filter((o) => o.technicianId === null && !seen.has(o.id) && seen.add(o.id));
  }, [pools]);
  const done = useOrders({ technicianId: 'me', status: 'done', page, pageSize: 20, sort: '-finishedAt' }, works && tab === 'done');

  // A leader sees his teams; whoever assigns work in the project may pick any team, or all of them.
  const assigns = can('work_orders.assign');
  const teamOptions = (assigns ? crew.teams : crew.teams.filter((tm) => crew.ledTeamIds.includes(tm.id)))
    .map((tm) => ({ value: tm.id, label: tm.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  const chosenTeam = query.teamId ?? crew.ledTeamIds[0] ?? (assigns ? 'all' : teamOptions[0]?.value);
  const teamId = chosenTeam === 'all' ? undefined : chosenTeam;
  const teamStatus = query.teamStatus ?? 'open';
  const team = useOrders(
    { teamId, status: teamStatus === 'open' ? OPEN : teamStatus === 'done' ? 'done' : undefined, page, pageSize: 20, sort: teamStatus === 'done' ? '-finishedAt' : '-issuedAt' },
    teamView && tab === 'team' && (!!teamId || chosenTeam === 'all'),
  );

  const todoCount = (mineIssued.data?.total ?? 0) + pool.length;
  const items = [
    ...(works
      ? [
          { key: 'todo', label: `${t('待接单', 'To accept')}${todoCount ? ` ${todoCount}` : ''}` },
          { key: 'doing', label: `${t('进行中', 'Active')}${doing.data?.total ? ` ${doing.data.total}` : ''}` },
          { key: 'done', label: t('已完成', 'Done') },
        ]
      : []),
    ...(teamView ? [{ key: 'team', label: crew.ledTeamIds.length > 0 || works ? t('本班组', 'Team') : t('班组派工单', 'Teams\' orders') }] : []),
  ];

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageHeader
        title={t('我的派工单', 'My work orders')}
        extra={<Button icon={<ReloadOutlined />} aria-label={t('刷新', 'Refresh')} onClick={() => qc.invalidateQueries({ queryKey: ['work-orders'] })} />}
      />
      <Tabs size="small" tabBarGutter={14} activeKey={tab} items={items} onChange={(k) => setFilters({ tab: k, page: undefined })} />

      {tab === 'todo' && (
        <>
          <OrderList crew={crew} loading={mineIssued.isLoading || crewLoading} error={mineIssued.error} orders={mineIssued.data?.items ?? []}
            empty={pool.length ? null : t('没有待接的派工单', 'Nothing to accept')} />
          {pool.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 8 }}>{t('班组待接（未指派）', 'Team pool (nobody named yet)')}</Typography.Title>
              <OrderList crew={crew} orders={pool} showTechnician />
            </>
          )}
        </>
      )}
      {tab === 'doing' && (
        <OrderList crew={crew} loading={doing.isLoading} error={doing.error} orders={doing.data?.items ?? []} empty={t('没有进行中的派工单', 'Nothing in progress')} />
      )}
      {tab === 'done' && (
        <>
          <OrderList crew={crew} loading={done.isLoading} error={done.error} orders={done.data?.items ?? []} empty={t('还没有完工的派工单', 'Nothing finished yet')} />
          <Pager total={done.data?.total} page={page} onChange={(p) => setFilters({ page: p })} />
        </>
      )}
      {tab === 'team' && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select aria-label={t('班组', 'Team')} style={{ minWidth: 160 }} value={teamId} options={teamOptions} allowClear={assigns}
              onChange={(v) => setFilters({ teamId: v ?? (assigns ? 'all' : undefined) })} placeholder={assigns ? t('全部班组', 'All teams') : t('选择班组', 'Choose a team')} />
            <Segmented
              value={teamStatus}
              onChange={(v) => setFilters({ teamStatus: v === 'open' ? undefined : String(v) })}
              options={[
                { value: 'open', label: t('未完成', 'Open') },
                { value: 'done', label: t('已完成', 'Done') },
                { value: 'all', label: t('全部', 'All') },
              ]}
            />
          </Space>
          <OrderList crew={crew} loading={team.isLoading} error={team.error} orders={team.data?.items ?? []} showTechnician empty={t('没有派工单', 'No work orders')} />
          <Pager total={team.data?.total} page={page} onChange={(p) => setFilters({ page: p })} />
        </>
      )}
    </div>
  );
}

function OrderList({ crew, orders, loading, error, empty, showTechnician }: {
  crew: Crew;
  orders: WorkOrder[];
  loading?: boolean;
  error?: unknown;
  empty?: string | null;
  showTechnician?: boolean;
}) {
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  return (
    <>
      <ErrorAlert error={error} />
      {orders.length === 0 && empty ? <Empty description={empty} style={{ margin: '32px 0' }} /> : null}
      {orders.map((o) => (
        <WorkOrderCard key={o.id} order={o} crew={crew} showTechnician={showTechnician} />
      ))}
    </>
  );
}

function Pager({ total, page, onChange }: { total: number | undefined; page: number; onChange(p: number): void }) {
  if (!total || total <= 20) return null;
  return <Pagination simple current={page} pageSize={20} total={total} onChange={onChange} style={{ textAlign: 'center', margin: '12px 0' }} />;
}
