import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillingRun, BillingRunBody, BillingRunItemSummary, BillingRunResult, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';
import { formatInstant, useDefaultProject } from '../units/shared';
import { LABELS, labelOf, milli, recentPeriods, yuan } from './shared';

/** 出账: preview a project's month (what would be billed, what cannot be yet), then commit it in one go. */
export default function BillingRunPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [projectId, setProjectId] = useState<string | undefined>();
  const defaultProject = useDefaultProject(projectId);
  const projects = useProjects();
  // The first project the user may bill, until another is chosen.
  const project = projectId ?? defaultProject ?? projects.data?.items[0]?.id;
  const [period, setPeriod] = useState(recentPeriods()[0]!);
  const [result, setResult] = useState<BillingRunResult | null>(null);
  const runs = useQuery({
    queryKey: ['billing-runs', project],
    queryFn: () => api.get<Page<BillingRun>>('/api/billing-runs', { projectId: project, pageSize: 20 }),
    enabled: !!project,
    placeholderData: keepPreviousData,
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api.post<BillingRunResult>('/api/billing-runs', { projectId: project!, period, dryRun } satisfies BillingRunBody),
    onSuccess: (r) => {
      setResult(r);
      if (!r.dryRun) {
        message.success(t(`出账完成：${r.billed.count} 条，共 ${yuan(r.billed.totalFen)} 元`, `Billed: ${r.billed.count} lines, ${yuan(r.billed.totalFen)} yuan`));
        void qc.invalidateQueries({ queryKey: ['billing-runs'] });
        void qc.invalidateQueries({ queryKey: ['bills'] });
      }
    },
    onError: (e) => toastError(e, t),
  });
  const commit = () =>
    modal.confirm({
      title: t(`确认出账 ${period}？`, `Bill ${period}?`),
      content: result?.dryRun
        ? t(`将生成 ${result.billed.count} 条费用，共 ${yuan(result.billed.totalFen)} 元。已出过的不会重复出账。`, `${result.billed.count} lines, ${yuan(result.billed.totalFen)} yuan will be billed. Nothing already billed is billed again.`)
        : t('已出过的不会重复出账。', 'Nothing already billed is billed again.'),
      okText: t('确认出账', 'Bill it'),
      cancelText: t('取消', 'Cancel'),
      onOk: () => run.mutateAsync(false),
    });

  const itemColumns: TableColumnsType<BillingRunItemSummary> = [
    { title: t('收费项目', 'Fee item'), dataIndex: 'name' },
    { title: t('方式', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LABELS.feeKind, v, locale) },
    { title: t('本次条数', 'Lines'), dataIndex: 'count', align: 'right' },
    { title: t('本次金额（元）', 'Amount (yuan)'), dataIndex: 'totalFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('此前已出账', 'Billed before'), dataIndex: 'alreadyBilled', align: 'right' },
    { title: t('缺读数', 'No reading'), dataIndex: 'withoutReading', align: 'right' },
  ];
  const runColumns: TableColumnsType<BillingRun> = [
    { title: t('月份', 'Period'), dataIndex: 'period' },
    { title: t('出账条数', 'Lines'), dataIndex: 'billedCount', align: 'right' },
    { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'billedTotalFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('跳过', 'Skipped'), dataIndex: 'skippedCount', align: 'right' },
    { title: t('预存抵扣（元）', 'Prepaid applied'), dataIndex: 'prepaidAppliedFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('出账人', 'Run by'), dataIndex: 'createdByName' },
    { title: t('时间', 'When'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    { title: '', key: 'bills', render: (_: unknown, r) => <Link to={`/billing/bills?projectId=${r.projectId}&period=${r.period}`}>{t('查看账单', 'Bills')}</Link> },
  ];

  return (
    <div>
      <PageHeader title={t('出账', 'Billing run')} sub={t('先预览，再确认出账；同一月份重复出账不会重复计费', 'Preview, then commit; running a month again never bills anything twice')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <ProjectSelect value={project} onChange={(v) => { setProjectId(v); setResult(null); }} placeholder={t('选择项目', 'Choose a project')} />
          <Select aria-label={t('出账月份', 'Billing month')} style={{ width: 120 }} value={period} options={recentPeriods().map((p) => ({ value: p, label: p }))} onChange={(v) => { setPeriod(v); setResult(null); }} />
          <Button icon={<EyeOutlined />} disabled={!project} loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
            {t('预览', 'Preview')}
          </Button>
          {can('billing.run') && (
            <Button type="primary" icon={<ThunderboltOutlined />} disabled={!project || !result?.dryRun} onClick={commit}>
              {t('确认出账', 'Commit')}
            </Button>
          )}
        </Space>
      </Card>
      {result && (
        <Card title={result.dryRun ? t(`预览：${result.period}`, `Preview: ${result.period}`) : t(`已出账：${result.period}`, `Billed: ${result.period}`)} style={{ marginBottom: 16 }}>
          {!result.dryRun && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('出账已完成并记录', 'The run is done and recorded')} />}
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Statistic title={t('出账条数', 'Lines billed')} value={result.billed.count} /></Col>
            <Col xs={12} md={6}><Statistic title={t('金额（元）', 'Amount (yuan)')} value={yuan(result.billed.totalFen)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('新账单', 'New bills')} value={result.billed.bills} /></Col>
            <Col xs={12} md={6}><Statistic title={t('预存抵扣（元）', 'Prepaid applied (yuan)')} value={yuan(result.prepaidAppliedFen)} /></Col>
          </Row>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('跳过', 'Skipped')}>{result.skipped.count}</Descriptions.Item>
            <Descriptions.Item label={t('此前已出账', 'Billed before')}>{t(`${result.skipped.alreadyBilled}（${yuan(result.skipped.alreadyBilledFen)} 元）`, `${result.skipped.alreadyBilled} (${yuan(result.skipped.alreadyBilledFen)} yuan)`)}</Descriptions.Item>
            <Descriptions.Item label={t('待复核读数', 'Held readings')}>{result.skipped.heldReadings}</Descriptions.Item>
            <Descriptions.Item label={t('缺读数', 'Without a reading')}>{result.skipped.withoutReading}</Descriptions.Item>
          </Descriptions>
          <Table<BillingRunItemSummary> rowKey="feeItemId" size="small" pagination={false} columns={itemColumns} dataSource={result.byFeeItem} />
          {result.heldReadings.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('用量异常、待复核的读数（复核通过后下次出账计费）', 'Readings held for review (billed by the next run once approved)')} · <Link to="/billing/readings/held">{t('去复核', 'Review')}</Link>
              </Typography.Title>
              <Table rowKey="readingId" size="small" pagination={false} dataSource={result.heldReadings} columns={[
                { title: t('房号', 'Unit'), dataIndex: 'unitNumber' },
                { title: t('表号', 'Meter'), dataIndex: 'meterNumber' },
                { title: t('月份', 'Period'), dataIndex: 'period' },
                { title: t('用量', 'Used'), dataIndex: 'consumptionMilli', align: 'right', render: (v: number) => milli(v) },
              ]} />
            </>
          )}
          {result.unitsWithoutReading.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('缺少本月读数的房屋', 'Units without a reading this month')} · <Link to="/billing/readings">{t('去抄表', 'Enter readings')}</Link>
              </Typography.Title>
              <Table rowKey={(r) => `${r.unitId}-${r.feeItemName}-${r.meterNumber ?? ''}`} size="small" pagination={{ pageSize: 10 }} dataSource={result.unitsWithoutReading} columns={[
                { title: t('楼栋', 'Building'), dataIndex: 'buildingName' },
                { title: t('房号', 'Unit'), dataIndex: 'unitNumber' },
                { title: t('收费项目', 'Fee item'), dataIndex: 'feeItemName' },
                { title: t('表号', 'Meter'), dataIndex: 'meterNumber', render: (v: string | null) => v ?? t('未装表', 'No meter') },
              ]} />
            </>
          )}
        </Card>
      )}
      <Card title={t('出账记录', 'Runs')}>
        <ErrorAlert error={runs.error} />
        <Table<BillingRun> rowKey="id" size="middle" columns={runColumns} dataSource={runs.data?.items} loading={runs.isFetching} pagination={false} scroll={{ x: 800 }} />
      </Card>
    </div>
  );
}
