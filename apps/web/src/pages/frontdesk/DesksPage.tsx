/** Desk settings: opening hours per day type, the holiday rule, the rest-day rule, and the checklist templates. */
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChecklistTemplate, Desk, DeskHours, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useDesks } from './shared';

const PERIOD = /^(\d{2}:\d{2})\s*[-–~]\s*(\d{2}:\d{2})$/;
const hoursText = (p: DeskHours['weekday']) => p.map(([a, b]) => `${a}-${b}`).join(', ');
function parseHours(text: string | undefined): [string, string][] {
  return (text ?? '').split(/[,，;；]/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = PERIOD.exec(s);
    return [m![1]!, m![2]!] as [string, string];
  });
}
const hoursRule = { validator: (_: unknown, v: string | undefined) => ((v ?? '').split(/[,，;；]/).map((s) => s.trim()).filter(Boolean).every((s) => PERIOD.test(s)) ? Promise.resolve() : Promise.reject(new Error('09:30-22:00'))) };

export default function DesksPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const desks = useDesks();
  const [editing, setEditing] = useState<Desk | 'new' | null>(null);
  const [template, setTemplate] = useState<{ desk: Desk; template: ChecklistTemplate | null } | null>(null);
  const templates = useQuery({ queryKey: ['checklist-templates'], queryFn: () => api.get<Page<ChecklistTemplate>>('/api/checklist-templates', { pageSize: 200 }) });
  const manage = can('desk.manage');
  const rules = { weekend: t('同周末', 'as weekend'), weekday: t('同工作日', 'as weekday'), own: t('节假日专用时间', 'own holiday hours') };

  return (
    <>
      <PageHeader title={t('前台设置', 'Desk settings')} sub={t('营业时间、节假日规则、休息规定与开闭店检查表', 'Opening hours, holiday rule, rest-day rule and checklists')}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('新建前台', 'New desk')}</Button>} />
      <ErrorAlert error={desks.error} />
      {(desks.data?.items ?? []).map((d) => (
        <Card key={d.id} size="small" style={{ marginBottom: 16 }} title={`${d.projectName} · ${d.name}`}
          extra={manage && <Space>
            <Button size="small" onClick={() => setEditing(d)}>{t('编辑', 'Edit')}</Button>
            <Button size="small" onClick={() => setTemplate({ desk: d, template: null })}>{t('新建检查表', 'New checklist')}</Button>
          </Space>}>
          <Typography.Paragraph>
            {t('工作日', 'Weekdays')} {hoursText(d.hours.weekday) || t('不营业', 'closed')}；{t('周末', 'Weekends')} {hoursText(d.hours.weekend) || t('不营业', 'closed')}；
            {t('节假日', 'Holidays')} {d.holidayRule === 'own' ? hoursText(d.hours.holiday) || t('不营业', 'closed') : rules[d.holidayRule]}；
            {t(`连续上班不超过 ${d.maxConsecutiveDays} 天`, `at most ${d.maxConsecutiveDays} days in a row`)}
          </Typography.Paragraph>
          <Table<ChecklistTemplate> rowKey="id" size="small" pagination={false} dataSource={(templates.data?.items ?? []).filter((x) => x.deskId === d.id)} columns={[
            { title: t('检查表', 'Checklist'), dataIndex: 'name', render: (v: string, x) => <>{v} {!x.active && <Tag>{t('停用', 'Inactive')}</Tag>}</> },
            { title: t('检查项', 'Items'), key: 'items', render: (_v, x) => x.items.map((i) => `${i.text}（${i.anchor === 'open' ? t('开店', 'open') : t('闭店', 'close')}${i.offsetMinutes >= 0 ? '+' : ''}${i.offsetMinutes}${t('分', 'm')}）`).join('；') },
            ...(manage ? [{ title: t('操作', 'Actions'), key: 'a', width: 80, render: (_v: unknown, x: ChecklistTemplate) => <Button size="small" type="link" onClick={() => setTemplate({ desk: d, template: x })}>{t('编辑', 'Edit')}</Button> }] : []),
          ]} />
        </Card>
      ))}
      {editing && <DeskDialog desk={editing} rules={rules} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void qc.invalidateQueries({ queryKey: ['desks'] }); }} />}
      {template && <TemplateDialog {...template} locale={locale} onClose={() => setTemplate(null)} onSaved={() => { setTemplate(null); void qc.invalidateQueries({ queryKey: ['checklist-templates'] }); }} />}
    </>
  );
}

function DeskDialog(props: { desk: Desk | 'new'; rules: Record<string, string>; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const existing = props.desk === 'new' ? null : props.desk;
  const save = useMutation({
    mutationFn: (v: Record<string, string | number | undefined>) => {
      const body = {
        name: v.name, location: v.location || undefined, holidayRule: v.holidayRule, maxConsecutiveDays: v.maxConsecutiveDays,
        hours: { weekday: parseHours(v.weekday as string), weekend: parseHours(v.weekend as string), holiday: parseHours(v.holiday as string) },
      };
      return existing ? api.patch(`/api/desks/${existing.id}`, body) : api.post('/api/desks', { ...body, projectId: v.projectId });
    },
    onSuccess: props.onSaved,
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={existing ? t('编辑前台', 'Edit desk') : t('新建前台', 'New desk')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={existing
        ? { name: existing.name, location: existing.location ?? undefined, holidayRule: existing.holidayRule, maxConsecutiveDays: existing.maxConsecutiveDays, weekday: hoursText(existing.hours.weekday), weekend: hoursText(existing.hours.weekend), holiday: hoursText(existing.hours.holiday) }
        : { holidayRule: 'weekend', maxConsecutiveDays: 6, weekday: '09:30-22:00', weekend: '09:30-22:30' }}>
        {!existing && <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>}
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="location" label={t('位置', 'Location')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="weekday" label={t('工作日营业时间', 'Weekday hours')} extra={t('如 09:30-22:00；多段用逗号分隔；结束早于开始表示次日', 'e.g. 09:30-22:00; several with commas; an end before the start is the next day')} rules={[hoursRule]}><Input /></Form.Item>
        <Form.Item name="weekend" label={t('周末营业时间', 'Weekend hours')} rules={[hoursRule]}><Input /></Form.Item>
        <Form.Item name="holidayRule" label={t('法定节假日', 'Public holidays')}><Radio.Group options={Object.entries(props.rules).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="holiday" label={t('节假日营业时间', 'Holiday hours')} rules={[hoursRule]}><Input /></Form.Item>
        <Form.Item name="maxConsecutiveDays" label={t('连续上班天数上限', 'Most days in a row')} rules={[{ required: true }]}><InputNumber min={1} max={14} /></Form.Item>
      </Form>
    </Modal>
  );
}

function TemplateDialog(props: { desk: Desk; template: ChecklistTemplate | null; locale: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const existing = props.template;
  const save = useMutation({
    mutationFn: (v: { name: string; kind: string; active?: boolean; items: { id?: string; text: string; anchor: string; offsetMinutes: number }[] }) =>
      existing ? api.patch(`/api/checklist-templates/${existing.id}`, { name: v.name, items: v.items, active: v.active }) : api.post('/api/checklist-templates', { deskId: props.desk.id, name: v.name, kind: v.kind, items: v.items }),
    onSuccess: props.onSaved,
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open width={680} title={existing ? t('编辑检查表', 'Edit checklist') : t('新建检查表', 'New checklist')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={existing ?? { kind: 'opening', items: [{ text: '', anchor: 'open', offsetMinutes: 0 }] }}>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        {!existing && <Form.Item name="kind" label={t('类型', 'Kind')}><Radio.Group options={[{ value: 'opening', label: t('开店', 'Opening') }, { value: 'closing', label: t('闭店', 'Closing') }, { value: 'other', label: t('其他', 'Other') }]} /></Form.Item>}
        {existing && <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked"><Switch /></Form.Item>}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, max: 200 }]}><Input placeholder={t('检查项', 'Item')} style={{ width: 260 }} /></Form.Item>
                  <Form.Item name={[f.name, 'anchor']}><Select style={{ width: 100 }} options={[{ value: 'open', label: t('开店', 'Opening') }, { value: 'close', label: t('闭店', 'Closing') }]} /></Form.Item>
                  <Form.Item name={[f.name, 'offsetMinutes']} rules={[{ required: true }]}><InputNumber min={-240} max={240} addonAfter={t('分', 'min')} style={{ width: 130 }} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('删除检查项', 'Remove item')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ text: '', anchor: 'close', offsetMinutes: 0 })} icon={<PlusOutlined />}>{t('添加检查项', 'Add item')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
