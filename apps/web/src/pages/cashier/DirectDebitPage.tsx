/** 托收: mandates per unit (account numbers masked), the per-period file for the bank, and the bank's result file. */
import { useState } from 'react';
import { App, Alert, Button, DatePicker, Drawer, Form, Input, Modal, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { CashierUnit, DirectDebitBatch, DirectDebitBatchDetail, DirectDebitImportResult, Mandate, Page } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError } from '../units/shared';
import { UnitSearch, yuan } from './shared';

function Mandates() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const list = useQuery({ queryKey: ['mandates', query], queryFn: () => api.get<Page<Mandate>>('/api/direct-debit/mandates', query), placeholderData: keepPreviousData });
  const [open, setOpen] = useState(false);
  const [unit, setUnit] = useState<CashierUnit | null>(null);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { bank: string; accountNumber: string; accountHolder: string }) => api.post<Mandate>('/api/direct-debit/mandates', { unitId: unit!.id, ...v }),
    onSuccess: () => {
      message.success(t('托收协议已保存', 'Mandate saved'));
      setOpen(false);
      form.resetFields();
      setUnit(null);
      void qc.invalidateQueries({ queryKey: ['mandates'] });
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  const toggle = useMutation({
    mutationFn: (m: Mandate) => api.patch<Mandate>(`/api/direct-debit/mandates/${m.id}`, { active: !m.active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mandates'] }),
    onError: (e) => toastError(e, t),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Input.Search allowClear placeholder={t('户名、银行或房号', 'Holder, bank or unit number')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 220 }} />
        {can('billing.collect') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('新增托收协议', 'New mandate')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Mandate>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        columns={[
          { title: t('房屋', 'Unit'), dataIndex: 'unitLabel' },
          { title: t('开户行', 'Bank'), dataIndex: 'bank' },
          { title: t('账号', 'Account'), dataIndex: 'accountNumberMasked' },
          { title: t('户名', 'Holder'), dataIndex: 'accountHolder' },
          {
            title: t('有效', 'Active'),
            dataIndex: 'active',
            render: (v: boolean, m) => <Switch size="small" checked={v} disabled={!can('billing.collect')} onChange={() => toggle.mutate(m)} aria-label={t('有效', 'Active')} />,
          },
        ]}
      />
      <Modal open={open} title={t('新增托收协议', 'New mandate')} onCancel={() => setOpen(false)} onOk={() => (unit ? form.submit() : message.error(t('请先选择房屋', 'Choose the unit first')))} okButtonProps={{ loading: create.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item label={t('房屋', 'Unit')} required>
            <UnitSearch value={unit} onChange={setUnit} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="bank" label={t('开户行', 'Bank')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input placeholder={t('如：招商银行深圳分行', 'e.g. China Merchants Bank, Shenzhen')} />
          </Form.Item>
          <Form.Item name="accountNumber" label={t('账号', 'Account number')} rules={[{ required: true, pattern: /^\d{8,30}$/, message: t('账号为8–30位数字', 'An account number is 8–30 digits') }]}>
            <Input inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item name="accountHolder" label={t('户名', 'Account holder')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Typography.Text type="secondary">{t('保存后账号只显示前后四位；完整账号只写入发给银行的托收文件。', 'Once saved the number shows only its first and last four digits; the full number goes only into the file for the bank.')}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}

function BatchDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const batch = useQuery({ queryKey: ['dd-batches', 'one', id], queryFn: () => api.get<DirectDebitBatchDetail>(`/api/direct-debit/batches/${id}`), enabled: !!id });
  const [result, setResult] = useState<DirectDebitImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<DirectDebitImportResult>(`/api/direct-debit/batches/${id}/result`, file),
    onSuccess: (r) => {
      setResult(r);
      setError(null);
      void qc.invalidateQueries({ queryKey: ['dd-batches'] });
      void qc.invalidateQueries({ queryKey: ['payments'] });
    },
    onError: (e) => (e instanceof ApiError ? setError(e) : toastError(e, t)),
  });
  const b = batch.data;
  const errorRows = error && Array.isArray(error.details) ? (error.details as { row: number; message: string }[]) : [];
  return (
    <Drawer open={!!id} onClose={() => { setResult(null); setError(null); onClose(); }} width={860} title={b ? t(`托收批次 ${b.period}`, `Direct-debit batch ${b.period}`) : ''}>
      {b && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={b.status === 'generated' ? 'blue' : 'green'}>{b.status === 'generated' ? t('待回盘', 'Waiting for the bank') : t('已回盘', 'Result imported')}</Tag>
            <span>{t(`${b.itemCount} 户，合计 ¥${yuan(b.totalFen)}`, `${b.itemCount} units, ¥${yuan(b.totalFen)} in all`)}</span>
            {b.status === 'result_imported' && <span>{t(`成功 ${b.succeededCount}，失败 ${b.failedCount}`, `${b.succeededCount} succeeded, ${b.failedCount} failed`)}</span>}
            {can('billing.collect') && (
              <Button icon={<DownloadOutlined />} onClick={() => api.download(`/api/direct-debit/batches/${b.id}/file`)}>
                {t('下载托收文件', 'Download the bank file')}
              </Button>
            )}
            {can('billing.collect') && b.status === 'generated' && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { upload.mutate(f); return false; }}>
                <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>{t('导入银行回盘', 'Import the bank result')}</Button>
              </Upload>
            )}
          </Space>
          <Typography.Text type="secondary">{t('回盘文件：在托收文件的“结果”列填写“成功”或“失败”，失败时填写原因。', 'Result file: fill the 结果 column of the bank file with 成功 or 失败, and the reason for failures.')}</Typography.Text>
          {error && <Alert type="error" showIcon message={error.message} description={errorRows.slice(0, 10).map((r) => <div key={r.row}>{r.message}</div>)} />}
          {result && <Alert type={result.failed ? 'warning' : 'success'} showIcon message={t(`成功 ${result.succeeded} 户，已收 ¥${yuan(result.collectedFen)}；失败 ${result.failed} 户`, `${result.succeeded} collected (¥${yuan(result.collectedFen)}); ${result.failed} failed`)} />}
          <Table
            size="small"
            rowKey="id"
            dataSource={b.items}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('房屋', 'Unit'), dataIndex: 'unitLabel' },
              { title: t('户名', 'Holder'), dataIndex: 'accountHolder' },
              { title: t('账号', 'Account'), dataIndex: 'accountNumberMasked' },
              { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
              {
                title: t('结果', 'Result'),
                dataIndex: 'status',
                render: (v: string, i) => (v === 'succeeded' ? <Tag color="green">{t('成功', 'Collected')} {i.receiptNumber}</Tag> : v === 'failed' ? <Tag color="red">{t('失败', 'Failed')}：{i.failureReason}</Tag> : <Tag>{t('待回盘', 'Pending')}</Tag>),
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function Batches() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const list = useQuery({ queryKey: ['dd-batches', 'list', query], queryFn: () => api.get<Page<DirectDebitBatch>>('/api/direct-debit/batches', query), placeholderData: keepPreviousData });
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { projectId: string; period: dayjs.Dayjs }) => api.post<DirectDebitBatchDetail>('/api/direct-debit/batches', { projectId: v.projectId, period: v.period.format('YYYY-MM') }),
    onSuccess: (b) => {
      message.success(t(`已生成：${b.itemCount} 户，¥${yuan(b.totalFen)}`, `Generated: ${b.itemCount} units, ¥${yuan(b.totalFen)}`));
      setOpen(false);
      setShown(b.id);
      void qc.invalidateQueries({ queryKey: ['dd-batches'] });
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        {can('billing.collect') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('生成托收批次', 'New collection batch')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<DirectDebitBatch>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        onRow={(b) => ({ onClick: () => setShown(b.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('账期', 'Period'), dataIndex: 'period' },
          { title: t('户数', 'Units'), dataIndex: 'itemCount' },
          { title: t('金额（元）', 'Amount'), dataIndex: 'totalFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => (v === 'generated' ? <Tag color="blue">{t('待回盘', 'Waiting')}</Tag> : <Tag color="green">{t('已回盘', 'Imported')}</Tag>) },
          { title: t('成功/失败', 'Succeeded / failed'), key: 'sf', render: (_: unknown, b) => (b.status === 'generated' ? '—' : `${b.succeededCount} / ${b.failedCount}`) },
          { title: t('生成时间', 'Created'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <Modal open={open} title={t('生成托收批次', 'New collection batch')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ period: dayjs() }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}>
            <ProjectSelect />
          </Form.Item>
          <Form.Item name="period" label={t('账期（含此前欠费）', 'Period (and earlier arrears)')} rules={[{ required: true }]}>
            <DatePicker picker="month" />
          </Form.Item>
        </Form>
      </Modal>
      <BatchDrawer id={shown} onClose={() => setShown(null)} />
    </>
  );
}

export default function DirectDebitPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('batches');
  return (
    <>
      <PageHeader title={t('托收', 'Direct debit')} sub={t('托收协议、银行托收文件与回盘', 'Mandates, files for the bank and the bank results')} />
      <Tabs activeKey={tab} onChange={setTab} items={[{ key: 'batches', label: t('托收批次', 'Batches'), children: <Batches /> }, { key: 'mandates', label: t('托收协议', 'Mandates'), children: <Mandates /> }]} />
    </>
  );
}
