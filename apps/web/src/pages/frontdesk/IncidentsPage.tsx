/** The incident board (突发事件): open ones first with their escalations and actions; report, act, acknowledge, close. */
import { useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { SEVERITY_LABELS, shortDateTime, TARGET_LABELS } from './shared';

export default function IncidentsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [reporting, setReporting] = useState(false);
  const [acting, setActing] = useState<{ incident: Incident; mode: 'action' | 'close' } | null>(null);
  const open = useQuery({ queryKey: ['incidents', 'open', projectId], queryFn: () => api.get<Page<Incident>>('/api/incidents', { status: 'open', projectId, pageSize: 50 }) });
  const closed = useQuery({ queryKey: ['incidents', 'closed', projectId], queryFn: () => api.get<Page<Incident>>('/api/incidents', { status: 'closed', projectId, pageSize: 20 }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['incidents'] });
  const ack = useMutation({ mutationFn: (p: { id: string; target: string }) => api.post(`/api/incidents/${p.id}/acknowledge`, { target: p.target }), onSuccess: refresh, onError: (e) => toastError(e, t) });
  const sev = (s: Incident['severity']) => <Tag color={SEVERITY_LABELS[s].color}>{locale === 'en' ? SEVERITY_LABELS[s].en : SEVERITY_LABELS[s].zh}</Tag>;
  const report = can('incidents.report');

  const card = (i: Incident) => (
    <Card key={i.id} size="small" style={{ marginBottom: 12 }} title={<Space>{sev(i.severity)}{i.title}</Space>}
      extra={i.status === 'open' && report && <Space>
        <Button size="small" onClick={() => setActing({ incident: i, mode: 'action' })}>{t('记录处置', 'Add action')}</Button>
        <Button size="small" danger onClick={() => setActing({ incident: i, mode: 'close' })}>{t('结案', 'Close')}</Button>
      </Space>}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{i.description}</Typography.Paragraph>
      <Typography.Text type="secondary">{i.location} · {t('报告人', 'Reported by')} {i.reportedBy} · {shortDateTime(i.occurredAt)}</Typography.Text>
      {i.escalations.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {i.escalations.map((e) => (
            <Tag key={e.target} color={e.acknowledgedAt ? 'green' : 'red'}>
              {locale === 'en' ? `${TARGET_LABELS[e.target].en}: ` : `${TARGET_LABELS[e.target].zh}：`}{e.acknowledgedAt ? t(`${e.acknowledgedByName} 已确认`, `acknowledged by ${e.acknowledgedByName}`) : t('待确认', 'waiting')}
              {!e.acknowledgedAt && can('incidents.acknowledge') && <a style={{ marginLeft: 4 }} onClick={() => ack.mutate({ id: i.id, target: e.target })}>{t('确认', 'Acknowledge')}</a>}
            </Tag>
          ))}
        </div>
      )}
      {i.actions.length > 0 && (
        <Timeline style={{ marginTop: 12, marginBottom: 0 }} items={i.actions.map((a) => ({ children: <>{shortDateTime(a.at)} {a.byName}：{a.text}</> }))} />
      )}
      {i.outcome && <Typography.Paragraph style={{ marginTop: 8 }}><Typography.Text strong>{t('处理结果：', 'Outcome: ')}</Typography.Text>{i.outcome}</Typography.Paragraph>}
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('突发事件', 'Incidents')}
        sub={t('尽快协调处理，并按程序向上级或营运部通报', 'Coordinate quickly and report by procedure to the superior or operations')}
        extra={<>
          <ProjectSelect allowClear value={projectId} onChange={setProjectId} />
          {report && <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)}>{t('上报事件', 'Report incident')}</Button>}
        </>}
      />
      <ErrorAlert error={open.error} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Typography.Title level={5}>{t('处理中', 'Open')} ({open.data?.total ?? 0})</Typography.Title>
          {open.data?.items.length === 0 && <Empty description={t('没有处理中的事件', 'No open incident')} />}
          {open.data?.items.map(card)}
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={5}>{t('已结案', 'Closed')}</Typography.Title>
          {closed.data?.items.map(card)}
        </Col>
      </Row>
      {reporting && <ReportDialog defaultProjectId={projectId} onClose={() => setReporting(false)} onSaved={() => { setReporting(false); void refresh(); }} />}
      {acting && <ActDialog {...acting} onClose={() => setActing(null)} onSaved={() => { setActing(null); void refresh(); }} />}
    </>
  );
}

function severityOptions(locale: string) {
  return (Object.keys(SEVERITY_LABELS) as (keyof typeof SEVERITY_LABELS)[]).map((k) => ({ value: k, label: locale === 'en' ? SEVERITY_LABELS[k].en : SEVERITY_LABELS[k].zh }));
}

function ReportDialog(props: { defaultProjectId?: string; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const [form] = Form.useForm();
  const save = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post('/api/incidents', v), onSuccess: props.onSaved, onError: (e) => toastError(e, t) });
  return (
    <Modal open title={t('上报突发事件', 'Report an incident')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('上报', 'Report')} cancelText={t('取消', 'Cancel')}>
      <Typography.Paragraph type="secondary">{t('较大及以上事件自动通报接待主管；重大加营运部；特别重大加客服中心主任。', 'Medium and above go to the supervisor; high adds operations; critical adds the center director.')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ projectId: props.defaultProjectId, severity: 'medium', reportedBy: me?.user.displayName }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
        <Form.Item name="title" label={t('事件', 'What')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="location" label={t('地点', 'Where')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="severity" label={t('级别', 'Severity')} rules={[{ required: true }]}><Select options={severityOptions(locale)} /></Form.Item>
        <Form.Item name="description" label={t('经过', 'Description')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="reportedBy" label={t('报告人', 'Reported by')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function ActDialog(props: { incident: Incident; mode: 'action' | 'close'; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post(`/api/incidents/${props.incident.id}/${props.mode === 'close' ? 'close' : 'actions'}`, v),
    onSuccess: props.onSaved,
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={props.mode === 'close' ? t('结案', 'Close the incident') : t('记录处置', 'Record an action')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {props.mode === 'close' ? (
          <Form.Item name="outcome" label={t('处理结果', 'Outcome')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        ) : (
          <>
            <Form.Item name="text" label={t('处置措施', 'Action taken')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="severity" label={t('升级为', 'Raise to')}><Select allowClear options={severityOptions(locale)} /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
