import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Alert, Button, Card, Input, Select, Space, Table, Typography, type InputRef, type TableColumnsType } from 'antd';
import { SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Meter, MeterReadingInput, MeterReadingsResult, Page } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, ImportDialog, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';
import { useBuildings, useDefaultProject } from '../units/shared';
import { LABELS, meterUnit, milli, optionsOf, parseMilli, recentPeriods, StatusTag } from './shared';

interface Entry {
  value: string;
  kind: 'normal' | 'rollover';
  reason: string;
}

/**
 * 抄表录入: the meters of a building in walking order, one input per meter; type the reading and
 * press Enter to go to the next row. Saved in one batch, all or nothing; a refused row shows why.
 */
export default function MeterReadingsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [projectId, setProjectId] = useState<string | undefined>();
  const defaultProject = useDefaultProject(projectId);
  const projects = useProjects();
  const project = projectId ?? defaultProject ?? projects.data?.items[0]?.id;
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const [period, setPeriod] = useState(recentPeriods()[0]!);
  const [kind, setKind] = useState<string>('water');
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [importing, setImporting] = useState(false);
  const buildings = useBuildings(project);
  const inputs = useRef<Map<string, InputRef | null>>(new Map());

  const meters = useQuery({
    queryKey: ['meters', 'grid', project, buildingId, period, kind],
    queryFn: () => api.get<Page<Meter>>('/api/meters', { projectId: project, buildingId, period, kind, pageSize: 200 }),
    enabled: !!project && !!buildingId,
  });
  const rows = useMemo(() => (meters.data?.items ?? []).filter((m) => m.active), [meters.data]);
  const open = rows.filter((m) => !m.periodReading);
  useEffect(() => {
    setEntries({});
    setRowErrors({});
  }, [project, buildingId, period, kind]);

  const entryOf = (id: string): Entry => entries[id] ?? { value: '', kind: 'normal', reason: '' };
  const setEntry = (id: string, patch: Partial<Entry>) => setEntries((e) => ({ ...e, [id]: { ...entryOf(id), ...patch } }));
  const filled = open.filter((m) => entryOf(m.id).value.trim() !== '');

  const focusNext = (id: string) => {
    const i = open.findIndex((m) => m.id === id);
    const next = open[i + 1];
    if (next) inputs.current.get(next.id)?.focus();
  };

  const save = useMutation({
    mutationFn: () => {
      const bad = filled.filter((m) => parseMilli(entryOf(m.id).value) === null);
      if (bad.length > 0) {
        setRowErrors(Object.fromEntries(bad.map((m) => [m.id, t('读数应为非负数，最多三位小数', 'A reading is a non-negative number with at most 3 decimals')])));
        throw new Error('local');
      }
      const body: MeterReadingInput[] = filled.map((m) => {
        const e = entryOf(m.id);
        return { meterId: m.id, period, readingMilli: parseMilli(e.value)!, kind: e.kind, ...(e.kind !== 'normal' ? { reason: e.reason } : {}) };
      });
      return api.post<MeterReadingsResult>('/api/meter-readings', body);
    },
    onSuccess: (r) => {
      message.success(t(`已保存 ${r.created + r.updated} 条读数${r.held ? `，其中 ${r.held} 条用量异常待复核` : ''}`, `${r.created + r.updated} readings saved${r.held ? `; ${r.held} held for review (far above the usual)` : ''}`));
      setEntries({});
      setRowErrors({});
      void qc.invalidateQueries({ queryKey: ['meters'] });
      void qc.invalidateQueries({ queryKey: ['meter-readings'] });
    },
    onError: (e) => {
      if (e instanceof Error && e.message === 'local') return;
      toastError(e, t);
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const errs: Record<string, string> = {};
        for (const d of e.details as { index: number; messageZh?: string; messageEn?: string; message: string }[]) {
          const m = filled[d.index];
          if (m) errs[m.id] = (locale === 'en' ? d.messageEn : d.messageZh) ?? d.message;
        }
        setRowErrors(errs);
      }
    },
  });

  const columns: TableColumnsType<Meter> = [
    { title: t('房号', 'Unit'), dataIndex: 'unitNumber', width: 90, render: (v: string | null, m) => v ?? m.location },
    { title: t('表号', 'Meter'), dataIndex: 'number', width: 130 },
    { title: t('上次读数', 'Previous'), key: 'last', width: 180, align: 'right', render: (_: unknown, m) => (m.lastReading ? `${milli(m.lastReading.readingMilli)}（${m.lastReading.period}）` : t('首次抄表', 'First reading')) },
    {
      title: t(`本次读数（${meterUnit(kind)}）`, `Reading (${meterUnit(kind)})`),
      key: 'reading',
      width: 200,
      render: (_: unknown, m) => {
        if (m.periodReading) {
          return (
            <Space>
              <span>{milli(m.periodReading.readingMilli)}</span>
              <StatusTag status={m.periodReading.status} labels={LABELS.readingStatus} />
            </Space>
          );
        }
        const e = entryOf(m.id);
        return (
          <div>
            <Input
              ref={(el) => {
                inputs.current.set(m.id, el);
              }}
              aria-label={t(`${m.unitNumber ?? m.number} 本次读数`, `Reading of ${m.unitNumber ?? m.number}`)}
              inputMode="decimal"
              value={e.value}
              status={rowErrors[m.id] ? 'error' : undefined}
              onChange={(ev) => setEntry(m.id, { value: ev.target.value })}
              onPressEnter={() => focusNext(m.id)}
            />
            {rowErrors[m.id] && <Typography.Text type="danger" style={{ fontSize: 12 }}>{rowErrors[m.id]}</Typography.Text>}
          </div>
        );
      },
    },
    {
      title: t('用量', 'Used'),
      key: 'used',
      width: 100,
      align: 'right',
      render: (_: unknown, m) => {
        if (m.periodReading) return milli(m.periodReading.consumptionMilli);
        const v = parseMilli(entryOf(m.id).value);
        if (v === null || !m.lastReading) return '';
        const used = v - m.lastReading.readingMilli;
        return used < 0 && entryOf(m.id).kind === 'normal' ? <Typography.Text type="danger">{t('低于上次', 'below previous')}</Typography.Text> : milli(Math.max(0, used));
      },
    },
    {
      title: t('类型 / 原因', 'Kind / reason'),
      key: 'kind',
      render: (_: unknown, m) =>
        m.periodReading ? null : (
          <Space>
            <Select
              size="small"
              aria-label={t('读数类型', 'Reading kind')}
              style={{ width: 110 }}
              value={entryOf(m.id).kind}
              options={optionsOf(LABELS.readingKind, locale).filter((o) => o.value !== 'replacement')}
              onChange={(v) => setEntry(m.id, { kind: v as Entry['kind'] })}
            />
            {entryOf(m.id).kind !== 'normal' && <Input size="small" aria-label={t('原因', 'Reason')} placeholder={t('原因（必填）', 'Reason (required)')} value={entryOf(m.id).reason} onChange={(ev) => setEntry(m.id, { reason: ev.target.value })} />}
          </Space>
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('抄表录入', 'Meter readings')}
        sub={t('输入读数后按回车跳到下一户；保存时整批校验，任一条有误则整批不保存', 'Type a reading and press Enter for the next home; the batch is saved all or nothing')}
        extra={
          <>
            <Button icon={<UploadOutlined />} disabled={!project} onClick={() => setImporting(true)}>
              {t('导入 Excel', 'Import .xlsx')}
            </Button>
            {can('billing.read_meters') && (
              <Button type="primary" icon={<SaveOutlined />} disabled={filled.length === 0} loading={save.isPending} onClick={() => save.mutate()}>
                {t(`保存 ${filled.length} 条读数`, `Save ${filled.length} readings`)}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect value={project} onChange={(v) => { setProjectId(v); setBuildingId(undefined); }} placeholder={t('选择项目', 'Choose a project')} />
          <Select
            aria-label={t('楼栋', 'Building')}
            style={{ minWidth: 140 }}
            placeholder={t('选择楼栋', 'Choose a building')}
            disabled={!project}
            value={buildingId}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={setBuildingId}
          />
          <Select aria-label={t('抄表月份', 'Period')} style={{ width: 120 }} value={period} options={recentPeriods().map((p) => ({ value: p, label: p }))} onChange={setPeriod} />
          <Select aria-label={t('表类型', 'Meter kind')} style={{ width: 120 }} value={kind} options={optionsOf(LABELS.meterKind, locale)} onChange={setKind} />
        </Space>
        {!buildingId && <Alert type="info" showIcon message={t('选择项目和楼栋后，列出该楼栋的全部仪表', 'Choose a project and a building to list its meters')} style={{ marginBottom: 16 }} />}
        <ErrorAlert error={meters.error} />
        <Table<Meter> rowKey="id" size="small" columns={columns} dataSource={rows} loading={meters.isFetching} pagination={false} scroll={{ x: 860 }} />
        {meters.data && meters.data.total > 200 && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('该楼栋仪表超过 200 个，请用 Excel 导入', 'This building has more than 200 meters; use the .xlsx import')} />}
      </Card>
      {project && (
        <ImportDialog
          open={importing}
          onClose={() => setImporting(false)}
          title={t('导入抄表读数', 'Import meter readings')}
          templateUrl={`/api/meter-readings/import/template?projectId=${project}${buildingId ? `&buildingId=${buildingId}` : ''}&period=${period}`}
          uploadUrl={`/api/meter-readings/import?projectId=${project}`}
          onDone={() => {
            void qc.invalidateQueries({ queryKey: ['meters'] });
            void qc.invalidateQueries({ queryKey: ['meter-readings'] });
          }}
        />
      )}
    </div>
  );
}
