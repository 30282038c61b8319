/**
 * The phone directory (通讯录): confidential numbers come masked from the server for anyone without
 * the reveal permission; a reveal is a deliberate, audited click. Entries not confirmed for 90 days are flagged.
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { DownloadOutlined, EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DirectoryEntry, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { DIRECTORY_CATEGORIES } from './shared';

export default function DirectoryPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [editing, setEditing] = useState<DirectoryEntry | 'new' | null>(null);
  const [revealed, setRevealed] = useState<Record<string, { phone: string; altPhone: string | null }>>({});
  const list = useQuery({ queryKey: ['directory', query], queryFn: () => api.get<Page<DirectoryEntry>>('/api/directory', query), placeholderData: (p) => p });
  const manage = can('directory.manage');
  const reveal = useMutation({
    mutationFn: (id: string) => api.post<{ id: string; phone: string; altPhone: string | null }>(`/api/directory/${id}/reveal`),
    onSuccess: (r) => setRevealed((m) => ({ ...m, [r.id]: r })),
    onError: (e) => toastError(e, t),
  });
  const confirm = useMutation({
    mutationFn: (id: string) => api.post(`/api/directory/${id}/confirm`),
    onSuccess: () => { message.success(t('已核实', 'Confirmed')); void qc.invalidateQueries({ queryKey: ['directory'] }); },
    onError: (e) => toastError(e, t),
  });
  const cat = (k: keyof typeof DIRECTORY_CATEGORIES) => (locale === 'en' ? DIRECTORY_CATEGORIES[k].en : DIRECTORY_CATEGORIES[k].zh);

  return (
    <>
      <PageHeader
        title={t('通讯录', 'Phone directory')}
        sub={t('及时更新；公司管理人员电话不得外泄', 'Keep it current; managers\' numbers must never leak')}
        extra={<>
          <Button icon={<DownloadOutlined />} onClick={() => api.download('/api/directory/export', query)}>{t('导出', 'Export')}</Button>
          {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('新增', 'New entry')}</Button>}
        </>}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t('搜索名称、单位、号码', 'Search name, organization, number')} aria-label={t('搜索通讯录', 'Search the directory')} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 260 }} />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear style={{ width: 140 }} value={query.category} onChange={(v) => setFilters({ category: v })} placeholder={t('全部类别', 'All categories')} aria-label={t('类别', 'Category')}
          options={Object.keys(DIRECTORY_CATEGORIES).map((k) => ({ value: k, label: cat(k as keyof typeof DIRECTORY_CATEGORIES) }))} />
        <Select allowClear style={{ width: 170 }} value={query.stale} onChange={(v) => setFilters({ stale: v })} placeholder={t('核实状态', 'Confirmation')} aria-label={t('核实状态', 'Confirmation')}
          options={[{ value: 'true', label: t('超过90天未核实', 'Not confirmed for 90 days') }]} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<DirectoryEntry>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        scroll={{ x: 900 }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'), render: (v: string, e) => <>{v}{e.confidential && <Tooltip title={t('保密', 'Confidential')}><LockOutlined style={{ marginLeft: 6, color: '#fa8c16' }} /></Tooltip>}</> },
          { title: t('单位/部门', 'Organization'), dataIndex: 'organization', key: 'organization' },
          { title: t('职务', 'Title'), dataIndex: 'title', key: 'title' },
          { title: t('类别', 'Category'), dataIndex: 'category', key: 'category', sorter: true, sortOrder: sortOrder('category'), render: (v: keyof typeof DIRECTORY_CATEGORIES) => <Tag>{cat(v)}</Tag> },
          {
            title: t('电话', 'Phone'), key: 'phone',
            render: (_v, e) => {
              const shown = revealed[e.id] ?? e;
              return (
                <Space direction="vertical" size={0}>
                  <Typography.Text copyable={!e.masked || !!revealed[e.id]} data-testid="directory-phone">{shown.phone}</Typography.Text>
                  {shown.altPhone && <Typography.Text type="secondary">{shown.altPhone}</Typography.Text>}
                </Space>
              );
            },
          },
          { title: t('最近核实', 'Confirmed'), dataIndex: 'confirmedAt', key: 'confirmedAt', sorter: true, sortOrder: sortOrder('confirmedAt'), render: (v: string, e) => <>{v.slice(0, 10)} {e.stale && <Tag color="orange">{t('请核实', 'Check it')}</Tag>}</> },
          {
            title: t('操作', 'Actions'), key: 'actions', width: 200,
            render: (_v, e) => (
              <Space>
                {e.confidential && can('directory.reveal') && !revealed[e.id] && (
                  <Button size="small" icon={<EyeOutlined />} onClick={() => reveal.mutate(e.id)} aria-label={t(`查看 ${e.name} 的完整号码`, `Reveal ${e.name}'s number`)}>{t('查看', 'Reveal')}</Button>
                )}
                {manage && <Button size="small" type="link" onClick={() => setEditing(e)}>{t('编辑', 'Edit')}</Button>}
                {manage && e.stale && <Button size="small" type="link" onClick={() => confirm.mutate(e.id)}>{t('核实无误', 'Still correct')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {editing && <EntryDialog entry={editing} defaultProjectId={query.projectId} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void qc.invalidateQueries({ queryKey: ['directory'] }); }} />}
    </>
  );
}

function EntryDialog(props: { entry: DirectoryEntry | 'new'; defaultProjectId?: string; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const existing = props.entry === 'new' ? null : props.entry;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
      // A masked number shown to the editor is not sent back (it would overwrite the real one).
      if (existing?.masked) { delete body.phone; delete body.altPhone; }
      return existing ? api.patch(`/api/directory/${existing.id}`, { ...body, projectId: undefined }) : api.post('/api/directory', body);
    },
    onSuccess: props.onSaved,
    onError: (e) => toastError(e, t),
  });
  const phone = [{ required: !existing?.masked, pattern: /^[0-9+\-() ]{3,40}$/, message: t('请填写号码', 'Enter a number') }];
  return (
    <Modal open title={existing ? t('编辑通讯录', 'Edit entry') : t('新增通讯录', 'New entry')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={existing ? { ...existing, organization: existing.organization ?? undefined, title: existing.title ?? undefined, altPhone: existing.altPhone ?? undefined, note: existing.note ?? undefined } : { projectId: props.defaultProjectId, category: 'department', internal: true, confidential: false }}>
        {!existing && <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>}
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true }]}>
          <Select options={Object.entries(DIRECTORY_CATEGORIES).map(([k, v]) => ({ value: k, label: locale === 'en' ? v.en : v.zh }))} />
        </Form.Item>
        <Form.Item name="organization" label={t('单位/部门', 'Organization')} rules={[{ max: 100 }]}><Input /></Form.Item>
        <Form.Item name="title" label={t('职务', 'Title')} rules={[{ max: 100 }]}><Input /></Form.Item>
        <Form.Item name="phone" label={t('电话', 'Phone')} rules={phone}><Input disabled={existing?.masked} /></Form.Item>
        <Form.Item name="altPhone" label={t('备用电话', 'Other phone')} rules={[{ pattern: /^[0-9+\-() ]{3,40}$/ }]}><Input disabled={existing?.masked} /></Form.Item>
        <Form.Item name="internal" valuePropName="checked"><Checkbox>{t('内部', 'Internal')}</Checkbox></Form.Item>
        <Form.Item name="confidential" valuePropName="checked"><Checkbox>{t('保密（如管理人员手机）', 'Confidential (e.g. managers\' mobiles)')}</Checkbox></Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')} rules={[{ max: 500 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
