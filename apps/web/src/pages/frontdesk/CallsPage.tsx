/**
 * The call log (来电登记) with quick entry: number, key points, answered by the third ring, callback
 * needed; the callback queue with overdue flags; a call turned into a ticket in one step.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Call, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { shortDateTime } from './shared';

const KINDS = [
  ['repair', '报修', 'Repair'], ['complaint', '投诉', 'Complaint'], ['consultation', '咨询', 'Consultation'],
  ['suggestion', '建议', 'Suggestion'], ['help', '求助', 'Help'], ['praise', '表扬', 'Praise'],
] as const;

export default function CallsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const projects = useProjects();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams({ sort: '-at' });
  const [form] = Form.useForm();
  const [closing, setClosing] = useState<Call | null>(null);
  const [ticketing, setTicketing] = useState<Call | null>(null);
  const list = useQuery({ queryKey: ['calls', query], queryFn: () => api.get<Page<Call>>('/api/calls', query), placeholderData: (p) => p });
  const refresh = () => qc.invalidateQueries({ queryKey: ['calls'] });
  const log = can('calls.log');
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Call>('/api/calls', v),
    onSuccess: () => { message.success(t('已登记', 'Logged')); form.resetFields(['number', 'callerName', 'keyPoints', 'callbackNeeded']); void refresh(); },
    onError: (e) => toastError(e, t),
  });

  return (
    <>
      <PageHeader title={t('来电登记', 'Call log')} sub={t('铃响三声内接听；需回复的记下号码，稍后回复', 'Answer by the third ring; note the number of anything needing a reply and call back')} />
      {log && (
        <Card size="small" title={t('快速登记', 'Quick entry')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" name="call" initialValues={{ projectId: projects.data?.items[0]?.id, direction: 'in', withinThreeRings: true }} onFinish={(v) => create.mutate({ ...v, projectId: v.projectId ?? projects.data?.items[0]?.id })}>
            <Form.Item name="projectId" label={t('项目', 'Project')}><ProjectSelect /></Form.Item>
            <Form.Item name="direction" label={t('方向', 'Direction')}><Radio.Group options={[{ value: 'in', label: t('来电', 'In') }, { value: 'out', label: t('去电', 'Out') }]} /></Form.Item>
            <Form.Item name="number" label={t('号码', 'Number')} rules={[{ required: true, pattern: /^[0-9+\-() ]{3,40}$/, message: t('请填写电话号码', 'Enter the number') }]}><Input style={{ width: 150 }} /></Form.Item>
            <Form.Item name="callerName" label={t('来电人', 'Caller')}><Input style={{ width: 110 }} /></Form.Item>
            <Form.Item name="keyPoints" label={t('要点', 'Key points')} rules={[{ required: true, max: 2000 }]}><Input style={{ width: 280 }} /></Form.Item>
            <Form.Item name="withinThreeRings" valuePropName="checked"><Checkbox>{t('三声内接听', 'By 3rd ring')}</Checkbox></Form.Item>
            <Form.Item name="callbackNeeded" valuePropName="checked"><Checkbox>{t('需回电（2小时内）', 'Call back (2 h)')}</Checkbox></Form.Item>
            <Form.Item><Button type="primary" htmlType="submit" loading={create.isPending}>{t('登记', 'Log')}</Button></Form.Item>
          </Form>
        </Card>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t('搜索号码、来电人、要点', 'Search number, caller, key points')} aria-label={t('搜索来电', 'Search calls')} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 260 }} />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear style={{ width: 160 }} value={query.callbackPending} onChange={(v) => setFilters({ callbackPending: v })} placeholder={t('全部来电', 'All calls')} aria-label={t('回电', 'Callbacks')}
          options={[{ value: 'true', label: t('待回电', 'Callback due') }]} />
        <Select allowClear style={{ width: 140 }} value={query.overdue} onChange={(v) => setFilters({ overdue: v })} placeholder={t('逾期', 'Overdue')} aria-label={t('逾期', 'Overdue')} options={[{ value: 'true', label: t('回电逾期', 'Overdue') }]} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Call>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'at', key: 'at', sorter: true, sortOrder: sortOrder('at'), width: 120, render: (v: string) => shortDateTime(v) },
          { title: t('号码', 'Number'), dataIndex: 'number', key: 'number', render: (v: string, c) => <>{c.direction === 'out' && <Tag>{t('去电', 'Out')}</Tag>}{v}</> },
          { title: t('来电人', 'Caller'), dataIndex: 'callerName', key: 'caller', render: (v: string | null, c) => <>{v}{c.residentId && <Tag color="blue" style={{ marginLeft: 4 }}>{t('住户', 'Resident')}</Tag>}</> },
          { title: t('要点', 'Key points'), dataIndex: 'keyPoints', key: 'keyPoints' },
          { title: t('三声内', '3 rings'), dataIndex: 'withinThreeRings', key: 'rings', width: 80, render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="green">{t('是', 'Yes')}</Tag> : <Tag color="orange">{t('否', 'No')}</Tag>) },
          {
            title: t('回电', 'Callback'), key: 'callback', sorter: true, sortOrder: sortOrder('callbackDueAt'),
            render: (_v, c) => !c.callbackNeeded ? '—' : c.callbackDoneAt ? <Typography.Text type="secondary">{t('已回', 'Done')} {shortDateTime(c.callbackDoneAt)}：{c.callbackNote}</Typography.Text>
              : <>{t('应于', 'due')} {shortDateTime(c.callbackDueAt!)} {c.callbackOverdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}</>,
          },
          { title: t('工单', 'Ticket'), key: 'ticket', render: (_v, c) => (c.ticketId ? <Link to={`/tickets/${c.ticketId}`}>{c.ticketNumber}</Link> : '—') },
          {
            title: t('操作', 'Actions'), key: 'actions', width: 170,
            render: (_v, c) => log && (
              <Space>
                {c.callbackNeeded && !c.callbackDoneAt && <Button size="small" onClick={() => setClosing(c)}>{t('已回电', 'Called back')}</Button>}
                {!c.ticketId && can('tickets.create') && <Button size="small" onClick={() => setTicketing(c)}>{t('转工单', 'To ticket')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {closing && <CallbackDialog call={closing} onClose={() => setClosing(null)} onSaved={() => { setClosing(null); void refresh(); }} />}
      {ticketing && <ToTicketDialog call={ticketing} onClose={() => setTicketing(null)} onSaved={() => { setTicketing(null); void refresh(); }} />}
    </>
  );
}

function CallbackDialog(props: { call: Call; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const save = useMutation({ mutationFn: (v: { note: string }) => api.post(`/api/calls/${props.call.id}/callback-done`, v), onSuccess: props.onSaved, onError: (e) => toastError(e, t) });
  return (
    <Modal open title={t(`回电：${props.call.number}`, `Callback: ${props.call.number}`)} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={t('回复内容', 'What was said')} rules={[{ required: true, max: 1000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ToTicketDialog(props: { call: Call; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ kind: string; location: string; description: string }>();
  const save = useMutation({
    mutationFn: (v: { kind: string; location: string; description: string }) => api.post<{ ticket: { number: string } }>(`/api/calls/${props.call.id}/to-ticket`, v),
    onSuccess: (r) => { message.success(t(`已生成工单 ${r.ticket.number}`, `Ticket ${r.ticket.number} created`)); props.onSaved(); },
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={t('转为工单', 'Turn into a ticket')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('生成工单', 'Create ticket')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'consultation', description: props.call.keyPoints }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map(([v, zh, en]) => ({ value: v, label: locale === 'en' ? en : zh }))} />
        </Form.Item>
        <Form.Item name="location" label={t('位置', 'Location')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('内容', 'Description')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
