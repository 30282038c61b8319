/**
 * One work order: the same card as the list (with its buttons), what was done (materials, labour,
 * charge) once finished, and its history — the ticket's events about this order when the user
 * reads tickets, else the order's own timestamps.
 */
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Table, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ProfileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Ticket, TicketEvent, WorkOrder } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, type T } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert } from '../../components/common';
import { Attachments } from '../../components/Attachments';
import { formatFen } from '../tickets/bits';
import { EVENT_TYPES } from '../tickets/labels';
import { materialsTotalFen, useCrew, WorkOrderCard } from './shared';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The server's event types about work orders, where the ticket labels name them otherwise. */
const ORDER_EVENTS: Record<string, [string, string]> = {
  dispatch: ['派工', 'Dispatched'],
  accept: ['接单', 'Accepted'],
  start: ['到场开工', 'Arrived, work started'],
  work_done: ['完工', 'Finished'],
  work_returned: ['退单', 'Returned'],
  transfer_work: ['转单', 'Transferred'],
  assign: ['指派维修人员', 'Technician assigned'],
};

export default function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { crew } = useCrew();
  const q = useQuery({ queryKey: ['work-orders', 'one', id], queryFn: () => api.get<WorkOrder>(`/api/work-orders/${id}`) });
  const o = q.data;
  const ticket = useQuery({
    queryKey: ['tickets', 'for-work-order', o?.ticketId],
    queryFn: () => api.get<Ticket>(`/api/tickets/${o!.ticketId}`),
    enabled: !!o && can('tickets.read'),
    retry: false,
  });

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/work-orders'))}>
          {t('返回', 'Back')}
        </Button>
        {o && (
          <Space wrap>
            {can('tickets.read') && (
              <Link to={`/tickets/${o.ticketId}`}>
                <Button icon={<ProfileOutlined />}>{t(`工单 ${o.ticketNumber}`, `Ticket ${o.ticketNumber}`)}</Button>
              </Link>
            )}
            <Link to={`/work-orders/${o.id}/print`}>
              <Button icon={<PrinterOutlined />}>{t('打印', 'Print')}</Button>
            </Link>
          </Space>
        )}
      </Space>
      <ErrorAlert error={q.error} />
      {q.isLoading && <Skeleton active />}
      {o && (
        <>
          <WorkOrderCard order={o} crew={crew} full />
          {o.status === 'done' && <Completion order={o} />}
          <Card size="small" title={t('现场照片与附件', 'Photos and files')} style={{ marginBottom: 12 }}>
            {/* The technician of the order or its team leader adds completion photos once it is accepted. */}
            <Attachments
              owner="work_order"
              id={o.id}
              purpose="completion"
              canUpload={['accepted', 'working', 'done'].includes(o.status) && (o.technicianId === crew.userId || crew.ledTeamIds.includes(o.teamId) || can('work_orders.assign'))}
            />
          </Card>
          <Card size="small" title={t('处理记录', 'History')}>
            <History order={o} events={ticket.data?.timeline} />
          </Card>
        </>
      )}
    </div>
  );
}

function Completion({ order: o }: { order: WorkOrder }) {
  const { t } = useI18n();
  const total = materialsTotalFen(o.materials);
  return (
    <Card size="small" title={t('完工情况', 'Completion')} style={{ marginBottom: 12 }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('维修内容', 'Work done')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{o.workDone}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('工时', 'Labour')}>{o.labourMinutes === null ? '—' : t(`${o.labourMinutes} 分钟`, `${o.labourMinutes} min`)}</Descriptions.Item>
        <Descriptions.Item label={t('收费', 'Charge')}>{o.paid ? formatFen(o.chargeFen) : t('无偿', 'Free')}</Descriptions.Item>
        <Descriptions.Item label={t('完工时间', 'Finished')}>{fmt(o.finishedAt)}</Descriptions.Item>
      </Descriptions>
      {o.materials.length > 0 && (
        <Table
          size="small"
          rowKey={(_m, i) => String(i)}
          pagination={false}
          dataSource={o.materials}
          columns={[
            {
              title: t('材料', 'Material'), dataIndex: 'name',
              render: (n: string, m) => (
                <>
                  <div>{n}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.quantity} × {formatFen(m.unitPriceFen)}</Typography.Text>
                </>
              ),
            },
            { title: t('金额', 'Amount'), key: 'sub', width: 96, align: 'right', render: (_: unknown, m) => formatFen(Math.round(m.quantity * m.unitPriceFen)) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('材料合计', 'Materials total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{formatFen(total)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}

/** The order's own steps, from its timestamps (what a technician without ticket access sees). */
function steps(o: WorkOrder, t: T): { at: string | null; title: string; detail?: string | null; color?: string }[] {
  const out: { at: string | null; title: string; detail?: string | null; color?: string }[] = [
    { at: o.issuedAt, title: t('派单', 'Issued'), detail: [o.teamName, o.technicianName].filter(Boolean).join(' · ') },
  ];
  if (o.acceptedAt) out.push({ at: o.acceptedAt, title: t('接单', 'Accepted'), detail: o.technicianName });
  if (o.arrivedAt) out.push({ at: o.arrivedAt, title: t('到场', 'Arrived') });
  if (o.startedAt && (!o.arrivedAt || Math.abs(dayjs(o.startedAt).diff(o.arrivedAt, 'minute')) >= 1)) out.push({ at: o.startedAt, title: t('开工', 'Work started') });
  if (o.finishedAt) out.push({ at: o.finishedAt, title: t('完工', 'Finished'), detail: o.workDone, color: 'green' });
  if (o.status === 'returned') out.push({ at: null, title: t('退单', 'Returned'), detail: o.returnReason, color: 'orange' });
  if (o.status === 'transferred') out.push({ at: null, title: t('已转单', 'Transferred to another order'), color: 'gray' });
  return out;
}

function History({ order, events }: { order: WorkOrder; events: TicketEvent[] | undefined }) {
  const { t, locale } = useI18n();
  const mine = events?.filter((e) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    return d.workOrderId === order.id || d.toWorkOrderId === order.id;
  });
  if (mine && mine.length > 0) {
    return (
      <Timeline
        items={mine.map((e) => {
          const d = (e.data ?? {}) as Record<string, unknown>;
          const title = ORDER_EVENTS[e.type] ? (locale === 'en' ? ORDER_EVENTS[e.type]![1] : ORDER_EVENTS[e.type]![0]) : label(EVENT_TYPES, e.type, locale);
          const extra = d.toWorkOrderId === order.id && d.workOrderNumber ? t(`由 ${String(d.workOrderNumber)} 转来`, `transferred from ${String(d.workOrderNumber)}`)
            : null;
          const to = typeof d.toWorkOrderNumber === 'string' && typeof d.toWorkOrderId === 'string' && d.toWorkOrderId !== order.id ? (
            <>
              {' → '}
              <Link to={`/work-orders/${d.toWorkOrderId}`}>{d.toWorkOrderNumber}</Link>
              {typeof d.teamName === 'string' ? ` (${d.teamName})` : ''}
            </>
          ) : null;
          return {
            key: e.id,
            color: e.type === 'work_returned' ? 'orange' : e.type === 'work_done' ? 'green' : 'blue',
            content: (
              <div data-testid="work-order-event">
                <Typography.Text strong>{title}</Typography.Text>
                {extra && <Typography.Text type="secondary"> {extra}</Typography.Text>}
                {to && <Typography.Text type="secondary">{to}</Typography.Text>}
                {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName ?? t('系统', 'System')} · {fmt(e.at)}
                  </Typography.Text>
                </div>
              </div>
            ),
          };
        })}
      />
    );
  }
  const list = steps(order, t);
  if (list.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={list.map((s, i) => ({
        key: String(i),
        color: s.color ?? 'blue',
        content: (
          <div data-testid="work-order-event">
            <Typography.Text strong>{s.title}</Typography.Text>
            {s.detail && <div style={{ whiteSpace: 'pre-wrap' }}>{s.detail}</div>}
            {s.at && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmt(s.at)}</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
