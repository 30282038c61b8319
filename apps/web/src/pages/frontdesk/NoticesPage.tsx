/** Notices and instructions (上传下达): down to roles, up to the superiors, with read receipts and who has not read yet. */
import { useState } from 'react';
import { Button, Checkbox, Drawer, Form, Input, List, Modal, Radio, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PaperClipOutlined, PlusOutlined, PushpinFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ATTACHMENT_MAX_BYTES, BUILTIN_ROLES, type Notice, type NoticeFile, type Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { shortDateTime } from './shared';

/** A notice carries at most this many files (CreateNoticeBody.attachmentIds). */
const MAX_FILES = 10;
/** What the file picker offers; the server checks the bytes anyway. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf';

const KIND = { notice: ['通知', 'Notice'], instruction: ['指令', 'Instruction'], report: ['上报', 'Report'] } as const;

export default function NoticesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { query, setFilters, pagination, onTableChange } = useListParams();
  const [writing, setWriting] = useState(false);
  const [open, setOpen] = useState<Notice | null>(null);
  const list = useQuery({ queryKey: ['notices', query], queryFn: () => api.get<Page<Notice>>('/api/notices', query), placeholderData: (p) => p });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notices'] });
  const read = useMutation({ mutationFn: (id: string) => api.post<Notice>(`/api/notices/${id}/read`), onSuccess: (n) => { setOpen(n); void refresh(); } });
  const ack = useMutation({ mutationFn: (id: string) => api.post<Notice>(`/api/notices/${id}/acknowledge`), onSuccess: (n) => { setOpen(n); void refresh(); }, onError: (e) => toastError(e, t) });

  return (
    <>
      <PageHeader
        title={t('通知与指令', 'Notices and instructions')}
        sub={t('上传下达：下发通知指令，向上级报告；谁未读一目了然', 'Carry notices down and reports up; see who has not read them')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setWriting(true)}>{can('notices.publish') ? t('发布', 'Publish') : t('上报', 'Report up')}</Button>}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t('搜索标题、内容', 'Search title, text')} aria-label={t('搜索通知', 'Search notices')} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 240 }} />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear style={{ width: 120 }} value={query.unread} onChange={(v) => setFilters({ unread: v })} placeholder={t('全部', 'All')} aria-label={t('阅读状态', 'Read status')} options={[{ value: 'true', label: t('我未读', 'Unread by me') }]} />
        <Select allowClear style={{ width: 120 }} value={query.direction} onChange={(v) => setFilters({ direction: v })} placeholder={t('方向', 'Direction')} aria-label={t('方向', 'Direction')} options={[{ value: 'down', label: t('下发', 'Down') }, { value: 'up', label: t('上报', 'Up') }]} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Notice>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        onRow={(n) => ({ onClick: () => (n.mine && !n.mine.readAt ? read.mutate(n.id) : setOpen(n)), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('标题', 'Title'), dataIndex: 'title', key: 'title', render: (v: string, n) => <Space>{n.pinned && <PushpinFilled style={{ color: '#fa541c' }} />}<Tag>{locale === 'en' ? KIND[n.kind][1] : KIND[n.kind][0]}</Tag>{v}{n.mine && !n.mine.readAt && <Tag color="red">{t('未读', 'Unread')}</Tag>}{n.requireAck && n.mine && !n.mine.acknowledgedAt && <Tag color="orange">{t('待确认', 'To acknowledge')}</Tag>}</Space> },
          { title: t('发布人', 'From'), dataIndex: 'authorName', key: 'author' },
          { title: t('时间', 'Time'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => shortDateTime(v) },
          { title: t('已读', 'Read'), key: 'read', render: (_v, n) => `${n.readCount}/${n.recipients}` },
          { title: t('已确认', 'Acknowledged'), key: 'ack', render: (_v, n) => (n.requireAck ? `${n.ackCount}/${n.recipients}` : '—') },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} width={560} title={open?.title}>
        {open && <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.body}</Typography.Paragraph>
          {open.attachments.length > 0 && (
            <List size="small" header={t('附件', 'Attachments')} dataSource={open.attachments} style={{ marginBottom: 16 }} renderItem={(f) => (
              <List.Item><a href={`/api/files/${f.id}`} download={f.name}><PaperClipOutlined /> {f.name}</a></List.Item>
            )} />
          )}
          {open.requireAck && open.mine && !open.mine.acknowledgedAt && <Button type="primary" onClick={() => ack.mutate(open.id)}>{t('确认收到', 'Acknowledge')}</Button>}
          <Receipts id={open.id} />
        </>}
      </Drawer>
      {writing && <WriteDialog defaultProjectId={query.projectId} onClose={() => setWriting(false)} onSaved={() => { setWriting(false); void refresh(); }} />}
    </>
  );
}

function Receipts({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['notices', id, 'receipts'], queryFn: () => api.get<{ items: { userId: string; userName: string | null; readAt: string | null; acknowledgedAt: string | null }[] }>(`/api/notices/${id}/receipts`) });
  const unread = (q.data?.items ?? []).filter((r) => !r.readAt);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t(`未读 ${unread.length} 人`, `${unread.length} not read yet`)}</Typography.Title>
      <List size="small" dataSource={q.data?.items} renderItem={(r) => (
        <List.Item>
          {r.userName}
          <span>{r.acknowledgedAt ? <Tag color="green">{t('已确认', 'Acknowledged')}</Tag> : r.readAt ? <Tag color="blue">{t('已读', 'Read')} {shortDateTime(r.readAt)}</Tag> : <Tag color="red">{t('未读', 'Unread')}</Tag>}</span>
        </List.Item>
      )} />
    </>
  );
}

function WriteDialog(props: { defaultProjectId?: string; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const [form] = Form.useForm();
  const direction = Form.useWatch('direction', form);
  const projectId = Form.useWatch('projectId', form) as string | undefined;
  // Files are uploaded as soon as they are chosen (into the chosen project) and named in the notice when it is sent.
  const [files, setFiles] = useState<UploadFile<NoticeFile>[]>([]);
  const uploading = files.some((f) => f.status === 'uploading');
  const save = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post('/api/notices', v), onSuccess: props.onSaved, onError: (e) => toastError(e, t) });
  const mayPublish = can('notices.publish');
  const send = (v: Record<string, unknown>) => {
    const attachmentIds = v.direction === 'down' ? files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])) : [];
    save.mutate({ ...v, attachmentIds });
  };
  const beforeUpload: UploadProps['beforeUpload'] = (file, chosen) => {
    if (files.length + chosen.indexOf(file) >= MAX_FILES) {
      message.error(t(`每条通知最多 ${MAX_FILES} 个附件`, `A notice carries at most ${MAX_FILES} files`));
      return Upload.LIST_IGNORE;
    }
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t(`“${file.name}”超过 10 MB，请压缩后再上传`, `"${file.name}" is over 10 MB: make it smaller and try again`));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File) || !projectId) return;
    api.upload<NoticeFile>('/api/notices/files', file, { projectId })
      .then((saved) => onSuccess?.(saved))
      .catch((e: unknown) => { onError?.(e as Error); toastError(e, t); });
  };
  return (
    <Modal open title={t('发布通知 / 上报', 'Publish or report')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: uploading }} okText={t('发送', 'Send')} cancelText={t('取消', 'Cancel')} width={600}>
      <Form form={form} layout="vertical" initialValues={{ projectId: props.defaultProjectId, direction: mayPublish ? 'down' : 'up', kind: 'notice', audienceRoles: [], requireAck: false, pinned: false }}
        // Files went into the project chosen then: another project needs them again.
        onValuesChange={(changed: Record<string, unknown>) => { if ('projectId' in changed) setFiles([]); }}
        onFinish={send}>
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
        <Form.Item name="direction" label={t('方向', 'Direction')}>
          <Radio.Group options={[{ value: 'down', label: t('下发', 'Down'), disabled: !mayPublish }, { value: 'up', label: t('向上级报告', 'Report up') }]} />
        </Form.Item>
        {direction === 'down' && <>
          <Form.Item name="kind" label={t('类型', 'Kind')}><Radio.Group options={[{ value: 'notice', label: t('通知', 'Notice') }, { value: 'instruction', label: t('指令', 'Instruction') }]} /></Form.Item>
          <Form.Item name="audienceRoles" label={t('接收角色（不选为全体）', 'To roles (all staff when none)')}>
            <Select mode="multiple" options={Object.entries(BUILTIN_ROLES).filter(([k]) => k !== 'admin').map(([k, r]) => ({ value: k, label: locale === 'en' ? r.en : r.zh }))} />
          </Form.Item>
          <Space>
            <Form.Item name="requireAck" valuePropName="checked"><Checkbox>{t('需确认收到', 'Needs acknowledgement')}</Checkbox></Form.Item>
            <Form.Item name="pinned" valuePropName="checked"><Checkbox>{t('首页置顶', 'Pin to the dashboard')}</Checkbox></Form.Item>
          </Space>
        </>}
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="body" label={t('内容', 'Text')} rules={[{ required: true, max: 8000 }]}><Input.TextArea rows={5} /></Form.Item>
        {direction === 'down' && (
          <Form.Item label={t('附件', 'Attachments')} extra={t(`图片或 PDF，最多 ${MAX_FILES} 个，每个不超过 10 MB`, `Images or PDF, up to ${MAX_FILES} files of 10 MB each`)}>
            <Upload<NoticeFile>
              multiple
              accept={ACCEPT}
              fileList={files}
              beforeUpload={beforeUpload}
              customRequest={customRequest}
              // A file that failed is not kept (the toast said why); removing one just leaves it out of the notice.
              onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== 'error'))}
              disabled={!projectId}
            >
              <Button icon={<PaperClipOutlined />} disabled={!projectId || files.length >= MAX_FILES}>
                {projectId ? t('添加附件', 'Add files') : t('请先选择项目', 'Choose the project first')}
              </Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
