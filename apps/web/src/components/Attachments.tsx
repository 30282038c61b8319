/**
 * Photos and files of a ticket or a work order (照片与附件): thumbnails of the images (click to
 * enlarge), a link for each PDF, and — when the user may add some — upload buttons. On a work
 * order the first button opens the phone's rear camera for completion photos (完工照片).
 *
 * A ticket's list includes its work orders' completion photos, and a work order's list the
 * ticket's photos (the server answers both): each tile says what it is.
 *
 *   <Attachments owner="ticket" id={ticket.id} canUpload={can('tickets.handle')} />
 *   <Attachments owner="work_order" id={order.id} canUpload={isMine} />
 */
import { useState } from 'react';
import { Button, Empty, Image, Space, Spin, Tag, Tooltip, Typography, Upload, message } from 'antd';
import type { UploadProps } from 'antd';
import { CameraOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Attachment, AttachmentList, AttachmentOwner, AttachmentPurpose } from '@propdesk/contracts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_OWNER_MAX } from '@propdesk/contracts';
import { api } from '../api/client';
import { useI18n, type T } from '../i18n/i18n';
import { ErrorAlert, toastError } from './common';

export interface AttachmentsProps {
  /** What the files belong to. */
  owner: AttachmentOwner;
  /** The ticket's or the work order's id. */
  id: string;
  /** Show the upload buttons (the server still decides: tickets.create/handle on a ticket; the technician, leader or dispatcher on a work order). */
  canUpload?: boolean;
  /** Purpose of new uploads. Default: a work order's are completion photos; a ticket's are photos or documents by their type. */
  purpose?: AttachmentPurpose;
  /** Called after each successful upload (e.g. to refresh a timeline the page keeps itself). */
  onUploaded?: (file: Attachment) => void;
}

/** What the file picker offers; the server checks the bytes anyway. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf';
/** Images a browser can show as a thumbnail (HEIC only Safari: it gets a link like a PDF). */
const SHOWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
const TILE = 104;

const fileUrl = (f: Attachment) => `/api/files/${f.id}`;

function purposeTag(f: Attachment, owner: AttachmentOwner, t: T) {
  if (f.purpose === 'completion') return <Tag color="green">{t('完工照片', 'Completion')}</Tag>;
  // On a ticket, files of its work orders; on an order, the ticket's: say where they came from.
  if (f.ownerType !== owner) return <Tag>{f.ownerType === 'work_order' ? t('派工单', 'Work order') : t('工单', 'Ticket')}</Tag>;
  return null;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Tile({ f, owner, t }: { f: Attachment; owner: AttachmentOwner; t: T }) {
  const tip = `${f.name} · ${sizeText(f.size)} · ${f.createdByName ?? t('系统', 'System')} ${dayjs(f.createdAt).format('YYYY-MM-DD HH:mm')}`;
  const box = { width: TILE, height: TILE, borderRadius: 6, border: '1px solid #f0f0f0', overflow: 'hidden' } as const;
  return (
    <div style={{ width: TILE }} data-testid="attachment">
      <Tooltip title={tip}>
        {SHOWABLE.has(f.mime) ? (
          <Image src={fileUrl(f)} alt={f.name} width={TILE} height={TILE} style={{ objectFit: 'cover', borderRadius: 6 }} />
        ) : (
          <a href={fileUrl(f)} target="_blank" rel="noopener noreferrer" aria-label={f.name}>
            <div style={{ ...box, display: 'flex', alignItems: 'center', justifyContent: 'center', flexDirection: 'column', gap: 4 }}>
              {f.mime === 'application/pdf' ? <FilePdfOutlined style={{ fontSize: 36, color: '#cf1322' }} /> : <FileImageOutlined style={{ fontSize: 36 }} />}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.mime === 'application/pdf' ? 'PDF' : 'HEIC'}
              </Typography.Text>
            </div>
          </a>
        )}
      </Tooltip>
      <Typography.Text ellipsis style={{ display: 'block', fontSize: 12, marginTop: 2 }} title={f.name}>
        {f.name}
      </Typography.Text>
      {purposeTag(f, owner, t)}
    </div>
  );
}

export function Attachments({ owner, id, canUpload = false, purpose, onUploaded }: AttachmentsProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [uploading, setUploading] = useState(0);
  const base = `/api/${({ ticket: 'tickets', work_order: 'work-orders', renovation: 'renovations' } as const)[owner]}/${id}/files`;
  const list = useQuery({ queryKey: ['files', owner, id], queryFn: () => api.get<AttachmentList>(base), enabled: !!id });
  const items = list.data?.items ?? [];
  const own = items.filter((f) => f.ownerType === owner && f.ownerId === id).length;
  const full = own >= ATTACHMENTS_PER_OWNER_MAX;
  const sendPurpose = purpose ?? (owner === 'work_order' ? 'completion' : undefined);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['files'] });
    // The ticket's timeline gains a "file" entry.
    void qc.invalidateQueries({ queryKey: ['tickets', 'detail'] });
    void qc.invalidateQueries({ queryKey: ['tickets', 'for-work-order'] });
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t(`“${file.name}”超过 10 MB，请压缩后再上传`, `"${file.name}" is over 10 MB: make it smaller and try again`));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    setUploading((n) => n + 1);
    api
      .upload<Attachment>(base, file, sendPurpose ? { purpose: sendPurpose } : {})
      .then((saved) => {
        onSuccess?.(saved);
        message.success(t(`已上传“${saved.name}”`, `Uploaded "${saved.name}"`));
        onUploaded?.(saved);
      })
      .catch((e: unknown) => {
        onError?.(e as Error);
        toastError(e, t);
      })
      .finally(() => {
        setUploading((n) => n - 1);
        refresh();
      });
  };

  const common: UploadProps = { multiple: true, showUploadList: false, beforeUpload, customRequest, disabled: full };
  const buttons = canUpload && (
    <Space wrap>
      {owner !== 'ticket' && (
        // Phones open the rear camera straight away: completion photos are taken on site.
        <Upload {...common} accept="image/*" capture="environment">
          <Button type="primary" icon={<CameraOutlined />} disabled={full}>
            {t('拍照上传', 'Take a photo')}
          </Button>
        </Upload>
      )}
      <Upload {...common} accept={ACCEPT}>
        <Button icon={<PaperClipOutlined />} disabled={full}>
          {owner === 'work_order' ? t('选择照片或文件', 'Choose photos or files') : t('上传照片或文件', 'Attach photos or files')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {full
          ? t(`已达 ${ATTACHMENTS_PER_OWNER_MAX} 个上限`, `The limit of ${ATTACHMENTS_PER_OWNER_MAX} files is reached`)
          : t('图片（JPG/PNG/WebP/HEIC）或 PDF，每个不超过 10 MB', 'Images (JPG/PNG/WebP/HEIC) or PDF, up to 10 MB each')}
      </Typography.Text>
    </Space>
  );

  return (
    <div>
      <ErrorAlert error={list.error} />
      {buttons && <div style={{ marginBottom: 12 }}>{buttons}</div>}
      <Spin spinning={list.isLoading || uploading > 0}>
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无照片或附件', 'No photos or files yet')} />
        ) : (
          <Image.PreviewGroup>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
              {items.map((f) => (
                <Tile key={f.id} f={f} owner={owner} t={t} />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
      </Spin>
    </div>
  );
}

export default Attachments;
