/** Collection targets (收缴目标, set by the company): a year's target and one per month, in percent. */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Col, Empty, InputNumber, Row, Select, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CollectionTargets } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';

export function yearOptions() {
  const now = new Date().getFullYear();
  return [now + 1, now, now - 1, now - 2, now - 3].map((y) => ({ value: y, label: String(y) }));
}

/**
 * The project and year of the page, kept in the URL (bookmarkable); the first project the user may
 * see and this year until chosen.
 */
export function useProjectYear(): { projectId: string | undefined; year: number; set(patch: { projectId?: string; year?: number }): void } {
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const projectId = params.get('projectId') ?? projects.data?.items[0]?.id;
  const set = (patch: { projectId?: string; year?: number }) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (patch.projectId) next.set('projectId', patch.projectId);
      if (patch.year) next.set('year', String(patch.year));
      return next;
    });
  return { projectId, year, set };
}

export default function CollectionTargetsPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { projectId, year, set } = useProjectYear();
  const targets = useQuery({
    queryKey: ['collection-targets', { projectId, year }],
    queryFn: () => api.get<CollectionTargets>('/api/collection-targets', { projectId, year }),
    enabled: !!projectId,
  });
  // Percent with two decimals on screen; basis points on the wire.
  const [values, setValues] = useState<(number | null)[]>(new Array(13).fill(null));
  useEffect(() => {
    if (targets.data) setValues(targets.data.months.map((m) => (m.rateBp === null ? null : m.rateBp / 100)));
  }, [targets.data]);
  const editable = can('billing.targets');

  const save = useMutation({
    mutationFn: () =>
      api.put<CollectionTargets>('/api/collection-targets', {
        projectId,
        year,
        months: values.map((v, month) => ({ month, rateBp: v === null || v === undefined ? null : Math.round(v * 100) })),
      }),
    onSuccess: () => {
      message.success(t('收缴目标已保存', 'Collection targets saved'));
      void queryClient.invalidateQueries({ queryKey: ['collection-targets'] });
      void queryClient.invalidateQueries({ queryKey: ['collection-report'] });
    },
    onError: (e) => toastError(e, t),
  });

  const field = (month: number, label: string) => (
    <Col xs={12} sm={8} md={6} lg={4} key={month}>
      <Typography.Text strong={month === 0}>{label}</Typography.Text>
      <InputNumber
        style={{ width: '100%', marginTop: 4 }}
        min={0}
        max={100}
        precision={2}
        addonAfter="%"
        disabled={!editable}
        aria-label={label}
        value={values[month]}
        onChange={(v) => setValues((prev) => prev.map((x, i) => (i === month ? (v === null || v === undefined ? null : Number(v)) : x)))}
      />
    </Col>
  );

  return (
    <>
      <PageHeader
        title={t('收缴目标', 'Collection targets')}
        sub={t('公司下达的收缴率目标，按项目、年度与月份', "The company's collection-rate targets per project, year and month")}
        extra={
          <Space wrap>
            <ProjectSelect value={projectId} onChange={(v) => set({ projectId: v })} />
            <Select aria-label={t('年度', 'Year')} value={year} onChange={(v) => set({ year: v })} options={yearOptions()} style={{ width: 100 }} />
            {editable && (
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!projectId} onClick={() => save.mutate()}>
                {t('保存', 'Save')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={targets.error} />
      {!projectId ? (
        <Empty />
      ) : (
        <Card loading={targets.isLoading}>
          <Row gutter={[16, 16]}>
            {field(0, t('全年目标', 'Whole year'))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {Array.from({ length: 12 }, (_, i) => field(i + 1, t(`${i + 1}月`, new Date(2000, i, 1).toLocaleString('en', { month: 'long' }))))}
          </Row>
          {!editable && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
              {t('只有具有“下达收缴目标”权限的人员可以修改。', 'Only staff allowed to set collection targets can change them.')}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </>
  );
}
