/**
 * 升级与超时: tickets close to or past their SLA targets, and major complaints — level 1 for the
 * reception supervisor, level 2 for the center director. Acknowledging says "I have it".
 */
import { Link } from 'react-router';
import { App, Button, Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, WarningFilled } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Escalation, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError } from '../units/shared';
import { ESCALATION_REASONS, TARGETS } from '../tickets/labels';

export default function EscalationsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const projects = useProjects();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  // Open ones first: that is the work.
  const acknowledged = query.acknowledged ?? 'false';
  const apiQuery = { ...query, acknowledged: acknowledged === 'all' ? undefined : acknowledged };
  const list = useQuery({
    queryKey: ['escalations', 'list', apiQuery],
    queryFn: () => api.get<Page<Escalation>>('/api/escalations', apiQuery),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const ack = useMutation({
    mutationFn: (id: string) => api.post<Escalation>(`/api/escalations/${id}/acknowledge`, {}),
    onSuccess: (e) => {
      message.success(t(`已确认 ${e.ticketNumber} 的升级`, `Acknowledged the escalation of ${e.ticketNumber}`));
      void qc.invalidateQueries({ queryKey: ['escalations'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (e) => {
      showSaveError(e, null, t, locale);
      void qc.invalidateQueries({ queryKey: ['escalations'] });
    },
  });
  const manyProjects = (projects.data?.items.length ?? 0) > 1;
  const projectName = (id: string) => projects.data?.items.find((p) => p.id === id)?.name ?? '';

  const columns: TableColumnsType<Escalation> = [
    {
      title: t('级别', 'Level'),
      dataIndex: 'level',
      width: 90,
      render: (v: number) => (
        <Tooltip title={v >= 2 ? t('客服中心主任', 'Center director') : t('接待主管', 'Reception supervisor')}>
          <Tag color={v >= 2 ? 'red' : 'orange'} icon={<WarningFilled />}>{`L${v}`}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('事项', 'What'),
      key: 'what',
      width: 170,
      render: (_: unknown, e) => (
        <Space size={4} wrap>
          {e.target !== 'major' && <Typography.Text>{t(`${label(TARGETS, e.target, locale)}时限`, `${label(TARGETS, e.target, locale)} target`)}</Typography.Text>}
          <Tag color={e.reason === 'breach' ? 'red' : e.reason === 'major' ? 'magenta' : 'gold'}>{label(ESCALATION_REASONS, e.reason, locale)}</Tag>
        </Space>
      ),
    },
    {
      title: t('工单', 'Ticket'),
      key: 'ticket',
      render: (_: unknown, e) => (
        <div style={{ lineHeight: 1.3 }}>
          <Link to={`/tickets/${e.ticketId}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
            {e.ticketNumber}
          </Link>
          <div>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
              {e.ticketTitle}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(manyProjects ? [{ title: t('项目', 'Project'), key: 'project', width: 130, render: (_: unknown, e: Escalation) => projectName(e.projectId) }] : []),
    { title: t('时限', 'Due'), dataIndex: 'dueAt', width: 130, render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—') },
    { title: t('升级时间', 'When'), dataIndex: 'at', width: 130, render: (v: string) => <Tooltip title={dayjs(v).format('YYYY-MM-DD HH:mm:ss')}>{dayjs(v).format('MM-DD HH:mm')}</Tooltip> },
    {
      title: t('确认', 'Acknowledged'),
      key: 'ack',
      width: 140,
      render: (_: unknown, e) =>
        e.acknowledgedAt ? (
          <Typography.Text type="success">
            <CheckOutlined /> {dayjs(e.acknowledgedAt).format('MM-DD HH:mm')}
          </Typography.Text>
        ) : (
          <Button size="small" type="primary" ghost loading={ack.isPending && ack.variables === e.id} onClick={() => ack.mutate(e.id)}>
            {t('确认收到', 'Acknowledge')}
          </Button>
        ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('升级与超时', 'Escalations')} sub={t('L1 接待主管 · L2 客服中心主任', 'L1 reception supervisor · L2 center director')} />
      <Card>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
          <Segmented
            aria-label={t('确认状态', 'Acknowledged')}
            value={acknowledged}
            onChange={(v) => setFilters({ acknowledged: v === 'false' ? undefined : String(v) })}
            options={[
              { value: 'false', label: t('待确认', 'Open') },
              { value: 'true', label: t('已确认', 'Acknowledged') },
              { value: 'all', label: t('全部', 'All') },
            ]}
          />
          <Select
            allowClear
            aria-label={t('级别', 'Level')}
            placeholder={t('全部级别', 'All levels')}
            style={{ width: 130 }}
            value={query.level}
            onChange={(v) => setFilters({ level: v })}
            options={[
              { value: '1', label: t('L1 接待主管', 'L1 supervisor') },
              { value: '2', label: t('L2 中心主任', 'L2 director') },
            ]}
          />
          {manyProjects && <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />}
        </div>
        <ErrorAlert error={list.error} />
        <Table<Escalation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={pagination(list.data?.total)}
          onChange={onTableChange as never}
          locale={{ emptyText: acknowledged === 'false' ? t('没有待确认的升级', 'No open escalations') : t('没有升级记录', 'No escalations') }}
          scroll={{ x: 820 }}
        />
      </Card>
    </div>
  );
}
