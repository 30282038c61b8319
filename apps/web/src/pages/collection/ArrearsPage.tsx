/**
 * Arrears (欠费): units or buildings in arrears with aging columns and late fees to date; a
 * building row drills down to its units; chosen units get reminder letters (printed) or SMS
 * (queued); each unit's lines and reminder history open in a drawer.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Col, Drawer, Input, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { DownloadOutlined, MailOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { AgingBucket, ArrearsPage as ArrearsPageData, ArrearsRow, DunningChannel, DunningNotice, DunningResult, Page, UnitArrears } from '@propdesk/contracts';
import { AGING_BUCKETS } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { useBuildings } from '../units/shared';
import { AGING_COLORS, agingLabel, yuan } from './shared';

export default function ArrearsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder: sortOf } = useListParams({ sort: '-totalFen' });
  const sortOrder = (field: string): SortOrder => sortOf(field);
  const group = query.group === 'building' ? 'building' : 'unit';
  const list = useQuery({ queryKey: ['arrears', query], queryFn: () => api.get<ArrearsPageData>('/api/arrears', query) });
  const buildings = useBuildings(query.projectId);
  const [selected, setSelected] = useState<string[]>([]);
  const [detailUnit, setDetailUnit] = useState<string | null>(null);
  const [search, setSearch] = useState(query.q ?? '');

  const dun = useMutation({
    mutationFn: (channels: DunningChannel[]) => api.post<DunningResult>('/api/dunning', { unitIds: selected, channels }),
    onSuccess: (res, channels) => {
      void queryClient.invalidateQueries({ queryKey: ['arrears'] });
      void queryClient.invalidateQueries({ queryKey: ['dunning-notices'] });
      const skipped = res.skipped.length;
      if (channels.includes('letter')) {
        const ids = res.notices.filter((n) => n.channel === 'letter').map((n) => n.id);
        if (ids.length) navigate(`/collection/letters?ids=${ids.join(',')}`);
        else message.warning(t('所选房屋没有可催缴的欠费', 'None of the chosen units has anything overdue'));
        return;
      }
      const sent = res.notices.reduce((s, n) => s + n.recipientCount, 0);
      message.success(
        t(`已加入短信发送队列 ${sent} 条`, `${sent} SMS queued`) +
          (skipped ? t(`，${skipped} 户未发送（无欠费或无业主手机号）`, `; ${skipped} unit(s) skipped (nothing overdue or no owner phone)`) : ''),
      );
      setSelected([]);
    },
    onError: (e) => toastError(e, t),
  });

  const agingCols: ColumnsType<ArrearsRow> = AGING_BUCKETS.map((b: AgingBucket) => ({
    title: agingLabel(b, locale),
    key: `aging_${b}`,
    align: 'right' as const,
    render: (_: unknown, r: ArrearsRow) => (r.aging[b] ? <Typography.Text type={b === 'over_365' || b === 'd181_365' ? 'danger' : undefined}>{yuan(r.aging[b])}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
  }));

  const columns: ColumnsType<ArrearsRow> = [
    { title: t('项目', 'Project'), dataIndex: 'projectName', key: 'projectName', responsive: ['xl'] },
    group === 'unit'
      ? {
          title: t('房屋', 'Unit'),
          key: 'unitNumber',
          sorter: true,
          sortOrder: sortOrder('unitNumber'),
          render: (_, r) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => setDetailUnit(r.unitId)}>
              {r.buildingName} {r.unitNumber}
            </Button>
          ),
        }
      : {
          title: t('楼栋', 'Building'),
          key: 'unitNumber',
          sorter: true,
          sortOrder: sortOrder('unitNumber'),
          render: (_, r) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => setFilters({ group: undefined, buildingId: r.buildingId, sort: undefined })}>
              {r.buildingName}
            </Button>
          ),
        },
    group === 'unit'
      ? { title: t('业主', 'Owners'), key: 'owners', render: (_, r) => r.owners.map((o) => `${o.name} ${o.phoneMasked}`).join('、') || '—' }
      : { title: t('欠费户数', 'Units'), dataIndex: 'unitCount', key: 'unitCount', sorter: true, sortOrder: sortOrder('unitCount'), align: 'right' },
    { title: t('最早应缴日', 'Oldest due'), dataIndex: 'oldestDueDate', key: 'oldestDueDate', sorter: true, sortOrder: sortOrder('oldestDueDate') },
    { title: t('逾期天数', 'Days overdue'), dataIndex: 'maxDaysPastDue', key: 'maxDaysPastDue', sorter: true, sortOrder: sortOrder('maxDaysPastDue'), align: 'right' },
    ...agingCols,
    { title: t('欠费本金', 'Outstanding'), key: 'outstandingFen', sorter: true, sortOrder: sortOrder('outstandingFen'), align: 'right', render: (_, r) => yuan(r.outstandingFen) },
    { title: t('滞纳金', 'Late fees'), key: 'lateFeeFen', sorter: true, sortOrder: sortOrder('lateFeeFen'), align: 'right', render: (_, r) => yuan(r.lateFeeFen) },
    { title: t('合计', 'Total'), key: 'totalFen', sorter: true, sortOrder: sortOrder('totalFen'), align: 'right', render: (_, r) => <b>{yuan(r.totalFen)}</b> },
    ...(group === 'unit'
      ? [{
          title: t('催缴', 'Reminders'),
          key: 'dunningCount',
          sorter: true,
          sortOrder: sortOrder('dunningCount'),
          render: (_: unknown, r: ArrearsRow) => (r.dunningCount ? `${r.dunningCount} · ${dayjs(r.lastDunningAt).format('MM-DD')}` : '—'),
        }]
      : []),
  ];

  const totals = list.data?.totals;
  const building = buildings.data?.items.find((b) => b.id === query.buildingId);

  return (
    <>
      <PageHeader
        title={t('欠费管理', 'Arrears')}
        sub={building ? t(`楼栋：${building.name}`, `Building: ${building.name}`) : undefined}
        extra={
          <>
            {can('billing.dunning') && group === 'unit' && (
              <>
                <Button icon={<PrinterOutlined />} disabled={!selected.length} loading={dun.isPending} onClick={() => dun.mutate(['letter'])}>
                  {t(`打印催缴通知书 (${selected.length})`, `Print reminder letters (${selected.length})`)}
                </Button>
                <Button icon={<MailOutlined />} disabled={!selected.length} loading={dun.isPending} onClick={() => dun.mutate(['sms'])}>
                  {t(`短信催缴 (${selected.length})`, `Send SMS reminders (${selected.length})`)}
                </Button>
              </>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => api.download('/api/arrears/export', { ...query, page: undefined, pageSize: undefined })}>
              {t('导出', 'Export')}
            </Button>
          </>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={group}
          onChange={(v) => setFilters({ group: v === 'building' ? 'building' : undefined, sort: undefined })}
          options={[{ value: 'unit', label: t('按房屋', 'By unit') }, { value: 'building', label: t('按楼栋', 'By building') }]}
        />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v, buildingId: undefined })} />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('全部楼栋', 'All buildings')}
          aria-label={t('楼栋', 'Building')}
          disabled={!query.projectId}
          value={query.buildingId}
          onChange={(v) => setFilters({ buildingId: v })}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('全部账龄', 'Any age')}
          aria-label={t('账龄', 'Aging')}
          value={query.aging}
          onChange={(v) => setFilters({ aging: v })}
          options={AGING_BUCKETS.map((b) => ({ value: b, label: agingLabel(b, locale) }))}
        />
        <InputNumber
          min={0}
          precision={2}
          style={{ width: 160 }}
          placeholder={t('欠费不少于(元)', 'At least (CNY)')}
          aria-label={t('欠费不少于(元)', 'At least (CNY)')}
          value={query.minFen ? Number(query.minFen) / 100 : null}
          onChange={(v) => setFilters({ minFen: v === null || v === undefined ? undefined : Math.round(Number(v) * 100) })}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('房号、楼栋或业主姓名', 'Unit, building or owner')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setFilters({ q: v.trim() || undefined })}
        />
        {query.buildingId && group === 'unit' && <Button onClick={() => setFilters({ buildingId: undefined, group: 'building' })}>{t('返回楼栋汇总', 'Back to buildings')}</Button>}
      </Space>
      <ErrorAlert error={list.error} />
      {totals && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={4}><Card size="small"><Statistic title={t('欠费户数', 'Units in arrears')} value={totals.unitCount} /></Card></Col>
          <Col xs={12} md={5}><Card size="small"><Statistic title={t('欠费合计(元)', 'Total owed (CNY)')} value={yuan(totals.totalFen)} /></Card></Col>
          <Col xs={12} md={5}><Card size="small"><Statistic title={t('其中滞纳金(元)', 'of which late fees (CNY)')} value={yuan(totals.lateFeeFen)} /></Card></Col>
          <Col xs={24} md={10}>
            <Card size="small" title={t('账龄分布(本金)', 'Aging (principal)')} styles={{ body: { padding: '8px 12px' } }}>
              <Space wrap size={[4, 4]}>
                {AGING_BUCKETS.map((b) => (
                  <Tag key={b} color={AGING_COLORS[b]}>
                    {agingLabel(b, locale)} ¥{yuan(totals.aging[b])}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
        </Row>
      )}
      <Table<ArrearsRow>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        rowSelection={group === 'unit' && can('billing.dunning') ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true } : undefined}
      />
      <UnitArrearsDrawer unitId={detailUnit} onClose={() => setDetailUnit(null)} />
    </>
  );
}

/** A unit's overdue lines and its reminder history. */
function UnitArrearsDrawer({ unitId, onClose }: { unitId: string | null; onClose(): void }) {
  const { t, locale } = useI18n();
  const detail = useQuery({ queryKey: ['arrears', 'unit', unitId], queryFn: () => api.get<UnitArrears>(`/api/arrears/units/${unitId}`), enabled: !!unitId });
  const history = useQuery({
    queryKey: ['dunning-notices', { unitId }],
    queryFn: () => api.get<Page<DunningNotice>>('/api/dunning-notices', { unitId, pageSize: 50 }),
    enabled: !!unitId,
  });
  const d = detail.data;
  return (
    <Drawer open={!!unitId} onClose={onClose} size="large" title={d ? `${d.buildingName} ${d.unitNumber} · ${t('欠费明细', 'Arrears')}` : t('欠费明细', 'Arrears')}>
      <ErrorAlert error={detail.error} />
      {d && (
        <>
          <Typography.Paragraph>
            {t('业主', 'Owners')}: {d.owners.map((o) => `${o.name} ${o.phoneMasked}`).join('、') || '—'} · {t('截至', 'As of')} {d.asOf}
          </Typography.Paragraph>
          <Table
            rowKey="billLineId"
            size="small"
            pagination={false}
            dataSource={d.lines}
            columns={[
              { title: t('账期', 'Period'), dataIndex: 'period' },
              { title: t('项目', 'Item'), dataIndex: 'description' },
              { title: t('应缴日', 'Due'), dataIndex: 'dueDate' },
              { title: t('逾期', 'Overdue'), key: 'days', render: (_, l) => <Tag color={AGING_COLORS[l.aging]}>{t(`${l.daysPastDue}天`, `${l.daysPastDue} d`)}</Tag> },
              { title: t('欠费', 'Owed'), key: 'o', align: 'right', render: (_, l) => yuan(l.outstandingFen) },
              { title: t('滞纳金', 'Late fee'), key: 'f', align: 'right', render: (_, l) => yuan(l.lateFeeFen) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}><b>{t('合计', 'Total')}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><b>{yuan(d.outstandingFen)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><b>{yuan(d.lateFeeFen)}</b></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('催缴记录', 'Reminder history')}</Typography.Title>
      <Table<DunningNotice>
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isLoading}
        dataSource={history.data?.items}
        locale={{ emptyText: t('尚未催缴', 'No reminders yet') }}
        columns={[
          { title: t('时间', 'When'), key: 'at', render: (_, n) => dayjs(n.createdAt).format('YYYY-MM-DD HH:mm') },
          { title: t('方式', 'Channel'), key: 'ch', render: (_, n) => (n.channel === 'letter' ? t('催缴通知书', 'Letter') : t(`短信 ×${n.recipientCount}`, `SMS ×${n.recipientCount}`)) },
          { title: t('金额', 'Amount'), key: 'amt', align: 'right', render: (_, n) => yuan(n.amountFen + n.lateFeeFen) },
          { title: t('经办人', 'By'), dataIndex: 'createdByName' },
          {
            title: t('状态', 'Status'),
            key: 'st',
            render: (_, n) =>
              n.channel === 'letter' ? (
                <a href={`/collection/letters?ids=${n.id}`} target="_blank" rel="noreferrer">{t('重印', 'Reprint')}</a>
              ) : (
                <Tag>{outboxLabel(n.outboxStatus, locale)}</Tag>
              ),
          },
        ]}
      />
    </Drawer>
  );
}

function outboxLabel(status: string | null, locale: string): string {
  const zh: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' };
  if (!status) return '—';
  return locale === 'en' ? status : (zh[status] ?? status);
}
