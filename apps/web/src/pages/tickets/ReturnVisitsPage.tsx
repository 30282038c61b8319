/**
 * 回访: the calls to make — resolved repairs and complaints, the visit due first. Pick a row, read
 * the call script (filled in with the resident, the ticket and what was done), record the outcome.
 * "Unreachable" counts an attempt and keeps the ticket in the queue until the last attempt.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Col, Empty, Input, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PhoneOutlined, SearchOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { OrgUnit, Page, VisitQueueItem } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { TICKET_KINDS } from './labels';
import { DueCell, KindTag, OutcomeTag, placeOf } from './bits';
import { ReturnVisitDialog, useActionError, useTicketChanged } from './dialogs';

export default function ReturnVisitsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const projects = useProjects();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const [text, setText] = useState(query.q ?? '');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [visiting, setVisiting] = useState<VisitQueueItem | null>(null);
  const queue = useQuery({
    queryKey: ['return-visits', 'queue', query],
    queryFn: () => api.get<Page<VisitQueueItem>>('/api/return-visits/queue', query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  // Keep a row selected: the first one, until she picks another.
  useEffect(() => {
    if (!items.some((i) => i.id === selectedId)) setSelectedId(items[0]?.id ?? null);
  }, [items, selectedId]);
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const manyProjects = (projects.data?.items.length ?? 0) > 1;
  const mayVisit = can('tickets.visit');

  const columns: TableColumnsType<VisitQueueItem> = [
    { title: t('回访期限', 'Visit due'), key: 'visitDueAt', width: 120, render: (_: unknown, r) => <DueCell due={r.visitDueAt} running /> },
    {
      title: t('工单', 'Ticket'),
      key: 'ticket',
      width: 175,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/tickets/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
            {r.number}
          </Link>
          <Space size={4}>
            <KindTag kind={r.kind} />
            {r.visitAttempts > 0 && <Tag color="orange">{t(`第 ${r.visitAttempts + 1} 次`, `attempt ${r.visitAttempts + 1}`)}</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: t('住户', 'Resident'),
      key: 'resident',
      width: 140,
      render: (_: unknown, r) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{r.requesterName ?? '—'}</div>
          <Typography.Text copyable={!!r.requesterPhone} type="secondary" style={{ fontSize: 12 }}>
            {r.requesterPhone ?? ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('处理情况', 'What was done'),
      key: 'done',
      ellipsis: true,
      render: (_: unknown, r) => (
        <div style={{ lineHeight: 1.3 }}>
          <Typography.Text ellipsis style={{ maxWidth: 320 }}>
            {r.title}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {r.workDone ?? placeOf(r, t)}
              {r.technicianName ? ` · ${r.technicianName}` : ''}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(manyProjects ? [{ title: t('项目', 'Project'), dataIndex: 'projectName', key: 'project', width: 120 }] : []),
  ];

  return (
    <div>
      <PageHeader title={t('回访', 'Return visits')} sub={t('已完成的报修和投诉，按回访期限排序', 'Resolved repairs and complaints, the visit due first')} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
              <Input.Search
                allowClear
                aria-label={t('搜索回访', 'Search the queue')}
                placeholder={t('工单号 / 住户 / 关键字', 'Number / resident / words')}
                enterButton={<SearchOutlined />}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onSearch={(v) => setFilters({ q: v.trim() || undefined })}
                style={{ maxWidth: 320 }}
              />
              {manyProjects && <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />}
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                {t(`待回访 ${queue.data?.total ?? 0} 条`, `${queue.data?.total ?? 0} to call`)}
              </Typography.Text>
            </div>
            <ErrorAlert error={queue.error} />
            <Table<VisitQueueItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items}
              loading={queue.isFetching}
              pagination={pagination(queue.data?.total)}
              onChange={onTableChange as never}
              onRow={(r) => ({ onClick: () => setSelectedId(r.id), style: { cursor: 'pointer', background: r.id === selectedId ? '#e6f4ff' : undefined } })}
              locale={{ emptyText: t('没有待回访的工单', 'Nothing to call back') }}
              scroll={{ x: 600 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <CallScript item={selected} mayVisit={mayVisit} onVisit={() => selected && setVisiting(selected)} />
        </Col>
      </Row>
      {visiting && (
        <ReturnVisitDialog
          open
          ticket={{ ...visiting, zoneId: null, visitAttempts: visiting.visitAttempts, visitMaxAttempts: visiting.visitMaxAttempts }}
          onClose={() => setVisiting(null)}
        />
      )}
    </div>
  );
}

/** 回访话术: what to say, in the user's language, with this call's facts filled in. */
function CallScript({ item, mayVisit, onVisit }: { item: VisitQueueItem | null; mayVisit: boolean; onVisit(): void }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const projects = useProjects();
  const onError = useActionError();
  const changed = useTicketChanged();
  const centers = useQuery({
    queryKey: ['org-units', 'centers'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { kind: 'center', pageSize: 200 }),
    staleTime: 5 * 60_000,
  });
  const unreachable = useMutation({
    mutationFn: (id: string) => api.post<{ status: string }>(`/api/tickets/${id}/return-visits`, { outcome: 'unreachable' }),
    onSuccess: (r) => {
      message.info(r.status === 'resolved' ? t('已记录未联系上，稍后再回访', 'Recorded as unreachable: call again later') : t('已记录未联系上（已达最多次数）', 'Recorded as unreachable (that was the last attempt)'));
      changed();
    },
    onError: (e) => onError(e),
  });

  if (!item)
    return (
      <Card title={t('回访话术', 'Call script')}>
        <Empty description={t('选择左侧一条工单', 'Choose a ticket on the left')} />
      </Card>
    );

  const project = projects.data?.items.find((p) => p.id === item.projectId);
  const center = centers.data?.items.find((c) => c.id === project?.parentId)?.name ?? t('客户服务中心', 'the customer service center');
  const who = me?.user.displayName ?? '';
  const name = item.requesterName ?? t('住户', 'the resident');
  const reported = dayjs(item.createdAt).format(locale === 'en' ? 'MMM D' : 'M月D日');
  const finished = item.finishedAt ?? item.resolvedAt;
  const finishedText = finished ? dayjs(finished).format(locale === 'en' ? 'MMM D' : 'M月D日') : '';
  const kindText = label(TICKET_KINDS, item.kind, locale);
  const repair = item.kind === 'repair';
  const hi = (s: string) => <Typography.Text mark>{s}</Typography.Text>;

  const lines =
    locale === 'en'
      ? [
          <>Hello, am I speaking with {hi(name)}? This is {hi(who)} from {hi(center)}.</>,
          <>
            On {hi(reported)} you reported a {kindText.toLowerCase()}: “{hi(item.title)}” (ticket {item.number}).
          </>,
          <>
            {finishedText ? <>It was {repair ? 'repaired' : 'handled'} on {hi(finishedText)}</> : <>It has been handled</>}
            {item.workDone ? <>: {hi(item.workDone)}</> : null}
            {item.technicianName ? <> by {hi(item.technicianName)}</> : null}.
          </>,
          <>Are you satisfied with how it was handled? (Satisfied / basically satisfied / not satisfied)</>,
          <>How would you rate our service, from 1 to 5?{repair ? ' And the technician?' : ''}</>,
          <>Is there anything else we can help you with? Thank you for your support — goodbye!</>,
        ]
      : [
          <>
            您好，请问是{hi(name)}吗？我是{hi(center)}的{hi(who)}。
          </>,
          <>
            您在{hi(reported)}反映的{kindText}问题“{hi(item.title)}”（工单号 {item.number}），
          </>,
          <>
            {finishedText ? <>我们已于{hi(finishedText)}处理完毕</> : <>我们已处理完毕</>}
            {item.workDone ? <>：{hi(item.workDone)}</> : null}
            {item.technicianName ? <>（维修人员{hi(item.technicianName)}）</> : null}。
          </>,
          <>想了解一下，您对这次处理结果满意吗？（满意 / 基本满意 / 不满意）</>,
          <>请您为我们的服务打个分，1 到 5 分{repair ? '；维修人员的服务您打几分？' : '。'}</>,
          <>请问还有其他需要我们帮助的吗？感谢您的支持，再见！</>,
        ];

  return (
    <Card
      title={
        <Space>
          <PhoneOutlined />
          {t('回访话术', 'Call script')}
        </Space>
      }
      extra={<Typography.Text copyable={!!item.requesterPhone} strong>{item.requesterPhone}</Typography.Text>}
    >
      <Space size={6} wrap style={{ marginBottom: 12 }}>
        <Link to={`/tickets/${item.id}`}>{item.number}</Link>
        <KindTag kind={item.kind} />
        <Typography.Text type="secondary">{placeOf(item, t)}</Typography.Text>
        {item.visitAttempts > 0 && (
          <Tag color="orange">{t(`已尝试 ${item.visitAttempts}/${item.visitMaxAttempts} 次`, `${item.visitAttempts}/${item.visitMaxAttempts} attempts`)}</Tag>
        )}
        {item.lastVisit && <OutcomeTag outcome={item.lastVisit.outcome} />}
      </Space>
      <ol style={{ paddingLeft: 20, lineHeight: 1.9, fontSize: 15 }} data-testid="call-script">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ol>
      {mayVisit && (
        <Space wrap>
          <Button type="primary" icon={<PhoneOutlined />} onClick={onVisit}>
            {t('记录回访结果', 'Record the outcome')}
          </Button>
          <Button icon={<UserDeleteOutlined />} loading={unreachable.isPending} onClick={() => unreachable.mutate(item.id)}>
            {t('无法联系', 'Unreachable')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
