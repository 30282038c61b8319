/** The key register (钥匙管理): what each key opens and where it is kept, lend and return, history. */
import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeskKey, KeyLoan, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { UnitPicker } from '../units/shared';
import { shortDateTime } from './shared';

/** "A1栋 1201", or null when the key opens no unit. */
const unitOf = (k: DeskKey) => (k.unitNumber ? [k.buildingName, k.unitNumber].filter(Boolean).join(' ') : null);

export default function KeysPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<DeskKey | null>(null);
  const [lending, setLending] = useState<DeskKey | null>(null);
  const [history, setHistory] = useState<DeskKey | null>(null);
  const list = useQuery({ queryKey: ['keys', query], queryFn: () => api.get<Page<DeskKey>>('/api/keys', query), placeholderData: (p) => p });
  const refresh = () => qc.invalidateQueries({ queryKey: ['keys'] });
  const giveBack = useMutation({
    mutationFn: (p: { keyId: string; loanId: string }) => api.post(`/api/keys/${p.keyId}/return`, { loanId: p.loanId }),
    onSuccess: () => { message.success(t('已归还', 'Returned')); void refresh(); },
    onError: (e) => toastError(e, t),
  });
  const lend = can('keys.lend');

  return (
    <>
      <PageHeader
        title={t('钥匙管理', 'Key register')}
        sub={t('妥善保管各类钥匙：借出登记借用人、用途与归还时间', 'Keep every key safe: each loan records borrower, purpose and due-back time')}
        extra={can('keys.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('登记钥匙', 'New key')}</Button>}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t('搜索标签、用途、存放位置', 'Search label, what it opens, where kept')} aria-label={t('搜索钥匙', 'Search keys')} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 260 }} />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear style={{ width: 140 }} value={query.out} onChange={(v) => setFilters({ out: v })} placeholder={t('全部状态', 'Any state')} aria-label={t('状态', 'State')}
          options={[{ value: 'true', label: t('借出中', 'Out') }, { value: 'false', label: t('在柜', 'In') }]} />
        <Select allowClear style={{ width: 140 }} value={query.overdue} onChange={(v) => setFilters({ overdue: v })} placeholder={t('逾期', 'Overdue')} aria-label={t('逾期', 'Overdue')}
          options={[{ value: 'true', label: t('仅逾期', 'Overdue only') }]} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<DeskKey>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        scroll={{ x: 900 }}
        columns={[
          { title: t('标签', 'Label'), dataIndex: 'label', key: 'label', sorter: true, sortOrder: sortOrder('label') },
          { title: t('开启', 'Opens'), dataIndex: 'opens', key: 'opens', render: (v: string, k) => <>{v}{unitOf(k) && <Tag style={{ marginLeft: 4 }}>{unitOf(k)}</Tag>}</> },
          { title: t('存放位置', 'Kept at'), dataIndex: 'location', key: 'location', sorter: true, sortOrder: sortOrder('location') },
          { title: t('在柜/总数', 'In / copies'), key: 'copies', render: (_v, k) => `${k.copies - k.out}/${k.copies}` },
          {
            title: t('借出', 'Out with'), key: 'loans',
            render: (_v, k) => k.loans.map((l) => (
              <div key={l.id}>
                {l.borrower}（{l.purpose}） {t('应还', 'due')} {shortDateTime(l.dueAt)} {l.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}
                {lend && <Button type="link" size="small" onClick={() => giveBack.mutate({ keyId: k.id, loanId: l.id })}>{t('归还', 'Return')}</Button>}
              </div>
            )),
          },
          {
            title: t('操作', 'Actions'), key: 'actions', width: 160,
            render: (_v, k) => (
              <Space>
                {lend && k.out < k.copies && <Button size="small" onClick={() => setLending(k)}>{t('借出', 'Lend')}</Button>}
                {can('keys.manage') && <Button size="small" type="link" onClick={() => setEditing(k)}>{t('修改', 'Edit')}</Button>}
                <Button size="small" type="link" onClick={() => setHistory(k)}>{t('记录', 'History')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {adding && <KeyDialog defaultProjectId={query.projectId} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); void refresh(); }} />}
      {editing && <KeyDialog keyRow={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); message.success(t('已保存', 'Saved')); void refresh(); }} />}
      {lending && <LendDialog keyRow={lending} onClose={() => setLending(null)} onSaved={() => { setLending(null); void refresh(); }} />}
      <Drawer open={!!history} onClose={() => setHistory(null)} title={history ? t(`钥匙记录：${history.label}`, `Key history: ${history.label}`) : ''} width={560}>
        {history && <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} items={[
            { key: 'opens', label: t('开启', 'Opens'), children: history.opens },
            { key: 'unit', label: t('房屋', 'Unit'), children: unitOf(history) ?? '—' },
            { key: 'location', label: t('存放位置', 'Kept at'), children: history.location },
            { key: 'copies', label: t('在柜/总数', 'In / copies'), children: `${history.copies - history.out}/${history.copies}` },
          ]} />
          <KeyHistory keyId={history.id} />
        </>}
      </Drawer>
    </>
  );
}

function KeyHistory({ keyId }: { keyId: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['keys', keyId, 'history'], queryFn: () => api.get<{ items: KeyLoan[] }>(`/api/keys/${keyId}/history`) });
  return (
    <Table<KeyLoan> rowKey="id" size="small" pagination={false} loading={q.isLoading} dataSource={q.data?.items} columns={[
      { title: t('借用人', 'Borrower'), dataIndex: 'borrower' },
      { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
      { title: t('借出', 'Lent'), dataIndex: 'lentAt', render: (v: string) => shortDateTime(v) },
      { title: t('归还', 'Returned'), dataIndex: 'returnedAt', render: (v: string | null, l) => (v ? shortDateTime(v) : <Tag color={l.overdue ? 'red' : 'blue'}>{l.overdue ? t('逾期未还', 'Overdue') : t('借出中', 'Out')}</Tag>) },
      { title: t('经办', 'By'), dataIndex: 'lentByName' },
    ]} />
  );
}

/** 登记钥匙, or with `keyRow` 修改 that key (its project stays; a cleared unit is sent as null). */
function KeyDialog(props: { defaultProjectId?: string; keyRow?: DeskKey; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const projectId = Form.useWatch('projectId', form) as string | undefined;
  const k = props.keyRow;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      k ? api.patch(`/api/keys/${k.id}`, { label: v.label, opens: v.opens, location: v.location, copies: v.copies, unitId: v.unitId || null }) : api.post('/api/keys', { ...v, unitId: v.unitId || undefined }),
    onSuccess: props.onSaved,
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={k ? t(`修改钥匙：${k.label}`, `Edit key: ${k.label}`) : t('登记钥匙', 'New key')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical"
        initialValues={k ? { projectId: k.projectId, label: k.label, opens: k.opens, unitId: k.unitId ?? undefined, location: k.location, copies: k.copies } : { projectId: props.defaultProjectId, copies: 1 }}
        // A unit belongs to one project: choosing another project clears it.
        onValuesChange={(changed: Record<string, unknown>) => { if ('projectId' in changed) form.setFieldValue('unitId', undefined); }}
        onFinish={(v: Record<string, unknown>) => save.mutate(v)}>
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect disabled={!!k} /></Form.Item>
        <Form.Item name="label" label={t('标签', 'Label')} rules={[{ required: true, max: 60 }]}><Input placeholder="K-01" /></Form.Item>
        <Form.Item name="opens" label={t('开启', 'Opens')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="unitId" label={t('所属房屋（可不选）', 'Unit (optional)')} extra={t('业主寄存或房屋专用的钥匙，按房号或楼栋搜索', 'For a key of one unit (e.g. left by the owner): search by unit number or building')}>
          <UnitPicker projectId={projectId} />
        </Form.Item>
        <Form.Item name="location" label={t('存放位置', 'Kept at')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="copies" label={t('把数', 'Copies')} rules={[{ required: true }]} extra={k && k.out > 0 ? t(`已借出 ${k.out} 把，把数不能少于 ${k.out}`, `${k.out} out: no fewer copies than that`) : undefined}>
          <InputNumber min={Math.max(1, k?.out ?? 0)} max={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LendDialog(props: { keyRow: DeskKey; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ borrower: string; borrowerPhone?: string; purpose: string; dueAt: Dayjs }>();
  const save = useMutation({
    mutationFn: (v: { borrower: string; borrowerPhone?: string; purpose: string; dueAt: Dayjs }) =>
      api.post(`/api/keys/${props.keyRow.id}/lend`, { borrower: v.borrower, purpose: v.purpose, dueAt: v.dueAt.toISOString(), ...(v.borrowerPhone ? { borrowerPhone: v.borrowerPhone } : {}) }),
    onSuccess: () => { message.success(t('已借出', 'Lent')); props.onSaved(); },
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={t(`借出：${props.keyRow.label}`, `Lend: ${props.keyRow.label}`)} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('借出', 'Lend')} cancelText={t('取消', 'Cancel')}>
      <Typography.Paragraph type="secondary">{props.keyRow.opens}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ dueAt: dayjs().add(2, 'hour') }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="borrower" label={t('借用人', 'Borrower')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="borrowerPhone" label={t('联系电话', 'Phone')} rules={[{ max: 40 }]}><Input /></Form.Item>
        <Form.Item name="purpose" label={t('用途', 'Purpose')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="dueAt" label={t('应还时间', 'Due back')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  );
}
