/**
 * The collection report (收缴率报表): by month, billed vs collected for the period (bars), the
 * collection rate vs the target (lines), arrears recovered; the year's totals; .xlsx export.
 * The chart is plain SVG (no chart library in the app).
 */
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { CollectionReport, CollectionReportRow } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { percent, yuan } from './shared';
import { useProjectYear, yearOptions } from './CollectionTargetsPage';

export default function CollectionReportPage() {
  const t = useT();
  const { projectId, year, set } = useProjectYear();
  const report = useQuery({
    queryKey: ['collection-report', { projectId, year }],
    queryFn: () => api.get<CollectionReport>('/api/reports/collection', { projectId, year }),
    enabled: !!projectId,
  });
  const r = report.data;
  const monthName = (m: number) => (m === 0 ? t('全年', 'Year') : t(`${m}月`, new Date(2000, m - 1, 1).toLocaleString('en', { month: 'short' })));
  const met = (row: CollectionReportRow) =>
    row.met === null ? '—' : row.met ? <Tag color="green">{t('达标', 'Met')}</Tag> : <Tag color="red">{t('未达标', 'Missed')}</Tag>;

  return (
    <>
      <PageHeader
        title={t('收缴率报表', 'Collection report')}
        sub={r ? t(`${r.projectName} · 截至 ${r.asOf}`, `${r.projectName} · as of ${r.asOf}`) : undefined}
        extra={
          <Space wrap>
            <ProjectSelect value={projectId} onChange={(v) => set({ projectId: v })} />
            <Select aria-label={t('年度', 'Year')} value={year} onChange={(v) => set({ year: v })} options={yearOptions()} style={{ width: 100 }} />
            <Button icon={<DownloadOutlined />} disabled={!projectId} onClick={() => api.download('/api/reports/collection/export', { projectId, year })}>
              {t('导出', 'Export')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={report.error} />
      {!projectId && <Empty />}
      {r && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('全年应收(元)', 'Billed (CNY)')} value={yuan(r.totals.billedFen)} /></Card></Col>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('当期实收(元)', 'Collected (CNY)')} value={yuan(r.totals.collectedFen)} /></Card></Col>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('欠费回收(元)', 'Arrears recovered (CNY)')} value={yuan(r.totals.recoveredFen)} /></Card></Col>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('全年收缴率', 'Collection rate')} value={percent(r.totals.rateBp)} /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title={t('全年目标', 'Target')} value={percent(r.totals.targetBp)} /></Card></Col>
          </Row>
          <Card size="small" style={{ marginBottom: 16 }}>
            <CollectionChart rows={r.months} monthName={monthName} />
          </Card>
          <Table<CollectionReportRow>
            rowKey="month"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...r.months, r.totals]}
            rowClassName={(row) => (row.month === 0 ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('月份', 'Month'), key: 'm', render: (_, row) => (row.month === 0 ? <b>{monthName(0)}</b> : monthName(row.month)) },
              { title: t('当期应收(元)', 'Billed'), key: 'b', align: 'right', render: (_, row) => yuan(row.billedFen) },
              { title: t('当期实收(元)', 'Collected'), key: 'c', align: 'right', render: (_, row) => yuan(row.collectedFen) },
              { title: t('欠费回收(元)', 'Recovered'), key: 'rc', align: 'right', render: (_, row) => yuan(row.recoveredFen) },
              { title: t('收缴率', 'Rate'), key: 'r', align: 'right', render: (_, row) => percent(row.rateBp) },
              { title: t('目标', 'Target'), key: 't', align: 'right', render: (_, row) => percent(row.targetBp) },
              { title: t('是否达标', 'Met'), key: 'met', render: (_, row) => met(row) },
            ]}
          />
        </>
      )}
    </>
  );
}

/** Bars: billed and collected per month (left axis, yuan); lines: rate and target (right axis, %). */
function CollectionChart({ rows, monthName }: { rows: CollectionReportRow[]; monthName: (m: number) => string }) {
  const t = useT();
  const W = 880;
  const H = 300;
  const pad = { l: 64, r: 48, t: 40, b: 32 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const maxFen = Math.max(10_000, ...rows.flatMap((r) => [r.billedFen, r.collectedFen]));
  const step = niceStep(maxFen / 4);
  const top = Math.ceil(maxFen / step) * step;
  const slot = iw / rows.length;
  const barW = Math.min(22, slot / 3);
  const y = (fen: number) => pad.t + ih - (fen / top) * ih;
  const yr = (bp: number) => pad.t + ih - (Math.min(bp, 10_000) / 10_000) * ih;
  const cx = (i: number) => pad.l + slot * i + slot / 2;
  const linePath = (key: 'rateBp' | 'targetBp') =>
    rows
      .map((r, i) => ({ v: r[key], i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p, k) => `${k === 0 ? 'M' : 'L'}${cx(p.i).toFixed(1)},${yr(p.v).toFixed(1)}`)
      .join(' ');
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  const legend = [
    { color: '#91caff', text: t('当期应收', 'Billed') },
    { color: '#1677ff', text: t('当期实收', 'Collected') },
    { color: '#fa541c', text: t('收缴率', 'Rate') },
    { color: '#52c41a', text: t('目标', 'Target'), dash: true },
  ];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('收缴率图表', 'Collection chart')} style={{ maxHeight: 340, fontSize: 11 }}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
          <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" fill="#8c8c8c">{yuanShort(v, t)}</text>
        </g>
      ))}
      {[0, 2_500, 5_000, 7_500, 10_000].map((bp) => (
        <text key={bp} x={W - pad.r + 6} y={yr(bp) + 4} fill="#8c8c8c">{bp / 100}%</text>
      ))}
      {rows.map((r, i) => (
        <g key={r.month}>
          <rect x={cx(i) - barW - 1} y={y(r.billedFen)} width={barW} height={pad.t + ih - y(r.billedFen)} fill="#91caff">
            <title>{`${monthName(r.month)} ${t('应收', 'billed')} ¥${yuan(r.billedFen)}`}</title>
          </rect>
          <rect x={cx(i) + 1} y={y(r.collectedFen)} width={barW} height={pad.t + ih - y(r.collectedFen)} fill="#1677ff">
            <title>{`${monthName(r.month)} ${t('实收', 'collected')} ¥${yuan(r.collectedFen)}`}</title>
          </rect>
          <text x={cx(i)} y={H - pad.b + 16} textAnchor="middle" fill="#595959">{monthName(r.month)}</text>
        </g>
      ))}
      <path d={linePath('targetBp')} fill="none" stroke="#52c41a" strokeWidth={2} strokeDasharray="6 4" />
      <path d={linePath('rateBp')} fill="none" stroke="#fa541c" strokeWidth={2} />
      {rows.map((r, i) =>
        r.rateBp === null ? null : (
          <circle key={r.month} cx={cx(i)} cy={yr(r.rateBp)} r={3.5} fill="#fa541c">
            <title>{`${monthName(r.month)} ${t('收缴率', 'rate')} ${percent(r.rateBp)}`}</title>
          </circle>
        ),
      )}
      <line x1={pad.l} x2={W - pad.r} y1={pad.t + ih} y2={pad.t + ih} stroke="#bfbfbf" />
      {legend.map((l, k) => (
        <g key={l.text} transform={`translate(${pad.l + k * 110}, 4)`}>
          {l.dash || k >= 2 ? (
            <line x1={0} x2={18} y1={5} y2={5} stroke={l.color} strokeWidth={2} strokeDasharray={l.dash ? '6 4' : undefined} />
          ) : (
            <rect x={0} y={0} width={14} height={10} fill={l.color} />
          )}
          <text x={22} y={9} fill="#595959">{l.text}</text>
        </g>
      ))}
    </svg>
  );
}

/** A round axis step (1, 2 or 5 × a power of ten) in fen. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Axis labels in yuan kept short: 1.2万 / 12k. */
function yuanShort(fen: number, t: (zh: string, en: string) => string): string {
  const y = fen / 100;
  if (y >= 10_000) return t(`${(y / 10_000).toFixed(y % 10_000 === 0 ? 0 : 1)}万`, `${(y / 1_000).toFixed(y % 1_000 === 0 ? 0 : 1)}k`);
  return String(Math.round(y));
}
