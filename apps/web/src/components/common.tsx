import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Select, Space, Table, Typography, Upload, message } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { OrgUnit, Page } from '@propdesk/contracts';
import { api, ApiError } from '../api/client';
import { useT } from '../i18n/i18n';

/** Title row of a page: heading on the left, actions on the right. */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 12, flexWrap: 'wrap' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      <Space wrap>{extra}</Space>
    </div>
  );
}

/** An error from the API, in the words the server chose for the user's language. */
export function ErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const msg = error instanceof ApiError ? error.message : t('网络错误，请检查连接后重试', 'Network error: check the connection and try again');
  return <Alert type="error" showIcon message={msg} style={{ marginBottom: 16 }} />;
}

/** Toast for a failed mutation; returns true when the error had field details to show on a form. */
export function toastError(e: unknown, t: (zh: string, en: string) => string) {
  message.error(e instanceof ApiError ? e.message : t('操作失败，请重试', 'The action failed; please try again'));
}

/** Projects the user may see, for filters and forms. */
export function useProjects() {
  return useQuery({
    queryKey: ['org-units', 'projects'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { kind: 'project', pageSize: 200 }),
    staleTime: 60_000,
  });
}

export function ProjectSelect(props: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; disabled?: boolean; style?: React.CSSProperties; placeholder?: string }) {
  const t = useT();
  const projects = useProjects();
  return (
    <Select
      allowClear={props.allowClear}
      disabled={props.disabled}
      style={{ minWidth: 180, ...props.style }}
      placeholder={props.placeholder ?? t('全部项目', 'All projects')}
      value={props.value}
      onChange={props.onChange}
      loading={projects.isLoading}
      options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      aria-label={t('项目', 'Project')}
    />
  );
}

/**
 * Import from an .xlsx template: download the template, pick the file, upload. A failed import
 * writes nothing and lists every row's problem.
 */
export function ImportDialog(props: {
  open: boolean;
  onClose(): void;
  title: string;
  templateUrl: string;
  uploadUrl: string;
  fields?: Record<string, string>;
  onDone(result: { created: number; updated: number }): void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const rows = error && Array.isArray(error.details) ? (error.details as { row?: number; field?: string; message: string }[]) : [];
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.upload<{ created: number; updated: number }>(props.uploadUrl, file, props.fields);
      message.success(t(`导入完成：新增 ${r.created} 条，更新 ${r.updated} 条`, `Imported: ${r.created} created, ${r.updated} updated`));
      props.onDone(r);
      setFile(null);
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else toastError(e, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={props.title} onCancel={props.onClose} onOk={submit} okText={t('开始导入', 'Import')} okButtonProps={{ disabled: !file, loading: busy }} width={640} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<DownloadOutlined />} onClick={() => api.download(props.templateUrl)}>
          {t('下载模板', 'Download the template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setError(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('点击或拖入按模板填写的 .xlsx 文件', 'Click or drop an .xlsx file filled in from the template')}</p>
          <p style={{ color: '#888' }}>{t('任一行有误则整批不导入', 'If any row is wrong, nothing is imported')}</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon message={error.message} />}
        {rows.length > 0 && (
          <Table
            size="small"
            rowKey={(_r, i) => String(i)}
            pagination={{ pageSize: 10 }}
            dataSource={rows}
            columns={[
              { title: t('行号', 'Row'), dataIndex: 'row', width: 70 },
              { title: t('字段', 'Field'), dataIndex: 'field', width: 120 },
              { title: t('问题', 'Problem'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
