/**
 * The bell in the header: the unread count (polled every minute), and the latest notifications
 * in a dropdown — a click marks one read and opens its link; "mark all read" clears the badge.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Notification, Page } from '@propdesk/contracts';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { toastError } from './common';

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<{ count: number }>('/api/notifications/unread-count'),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    retry: false,
  });
  const latest = useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => api.get<Page<Notification>>('/api/notifications', { pageSize: 10 }),
    enabled: open,
    staleTime: 0,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/api/notifications/${id}/read`, {}),
    onSuccess: refresh,
    onError: (e) => toastError(e, t),
  });
  const readAll = useMutation({
    mutationFn: () => api.post<{ updated: number }>('/api/notifications/read-all', {}),
    onSuccess: refresh,
    onError: (e) => toastError(e, t),
  });

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setOpen(false);
      // Links are app paths (/tickets/…); anything else opens as a plain link.
      if (n.link.startsWith('/')) navigate(n.link);
      else window.open(n.link, '_blank', 'noopener');
    }
  };

  const count = unread.data?.count ?? 0;
  const items = latest.data?.items ?? [];
  const content = (
    <div style={{ width: 360, maxWidth: '85vw' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 4 }}>
        <Typography.Text strong>{t('通知', 'Notifications')}</Typography.Text>
        <Button size="small" type="link" icon={<CheckOutlined />} disabled={count === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>
          {t('全部已读', 'Mark all read')}
        </Button>
      </div>
      {latest.isLoading ? (
        <Spin style={{ display: 'block', margin: 16 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无通知', 'No notifications')} />
      ) : (
        <div role="list" style={{ maxHeight: 420, overflowY: 'auto' }}>
          {items.map((n) => (
            <div
              key={n.id}
              role="listitem"
              onClick={() => openOne(n)}
              style={{
                display: 'flex',
                gap: 8,
                alignItems: 'flex-start',
                cursor: n.link || !n.readAt ? 'pointer' : 'default',
                padding: '8px 6px',
                borderBottom: '1px solid #f5f5f5',
                background: n.readAt ? undefined : '#f0f7ff',
              }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={6}>
                  {!n.readAt && <Badge status="processing" />}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
                {n.body && <div style={{ color: '#595959', fontSize: 13 }}>{n.body}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(n.createdAt).format('MM-DD HH:mm')}
                </Typography.Text>
              </div>
              {!n.readAt && (
                <Button
                  size="small"
                  type="text"
                  aria-label={t('标为已读', 'Mark read')}
                  icon={<CheckOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    markRead.mutate(n.id);
                  }}
                />
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) refresh();
      }}
      content={content}
    >
      <Button type="text" aria-label={t(`通知（${count} 条未读）`, `Notifications (${count} unread)`)} data-testid="notification-bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
