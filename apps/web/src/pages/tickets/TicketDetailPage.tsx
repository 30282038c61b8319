/**
 * One ticket: number, state and SLA clocks; the facts; its work orders (派工单); the timeline of
 * every change, note, reply, escalation and visit; and the buttons the state and the user's
 * permissions allow (the server lists them in `ticket.actions`).
 */
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import {
  App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Input, Radio, Row, Skeleton, Space, Table, Tag, Timeline, Tooltip, Typography, type TableColumnsType,
} from 'antd';
import {
  CheckCircleFilled, ClockCircleOutlined, CloseCircleOutlined, CommentOutlined, ExclamationCircleFilled, LockOutlined, PauseCircleOutlined, PlayCircleOutlined,
  PrinterOutlined, RedoOutlined, StopOutlined, SwapOutlined, ToolOutlined, PhoneOutlined, WarningFilled, CheckOutlined, MessageOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Ticket, TicketEvent, WorkOrder } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, type T } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert } from '../../components/common';
import { Attachments } from '../../components/Attachments';
import { formatInstant, retryUnlessClientError } from '../units/shared';
import { CHANNELS, ESCALATION_REASONS, EVENT_TYPES, OUTCOMES, TARGETS, TICKET_STATUSES } from './labels';
import { formatFen, formatSpan, KindTag, OPEN_STATUSES, OutcomeTag, placeOf, PriorityTag, StatusTag, useNow, WorkOrderStatusTag } from './bits';
import { ActionDialog, DispatchDialog, ReturnVisitDialog, useActionError, useQuickAction, useTicketChanged, type SimpleAction } from './dialogs';

export default function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const location = useLocation();
  const ticket = useQuery({
    queryKey: ['tickets', 'detail', id],
    queryFn: () => api.get<Ticket>(`/api/tickets/${id}`),
    retry: retryUnlessClientError,
    refetchInterval: 60_000,
  });
  const [dialog, setDialog] = useState<SimpleAction | 'dispatch' | 'visit' | null>(null);
  const quick = useQuickAction(ticket.data ?? null);

  const back = (location.state as { back?: string } | null)?.back ?? '';
  const x = ticket.data;
  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`/tickets${back}`}>{t('工单', 'Tickets')}</Link> }, { title: x?.number ?? '…' }]} />;
  if (ticket.error)
    return (
      <div>
        {crumbs}
        <ErrorAlert error={ticket.error} />
      </div>
    );
  if (!x) return <Skeleton active />;

  const has = (a: string) => x.actions.includes(a);
  const ref = { ...x, visitAttempts: x.visitAttempts };
  const buttons: ReactNode[] = [];
  if (has('dispatch'))
    buttons.push(
      <Button key="dispatch" type="primary" icon={<ToolOutlined />} onClick={() => setDialog('dispatch')}>
        {t('派工', 'Dispatch')}
      </Button>,
    );
  if (has('resolve'))
    buttons.push(
      <Button key="resolve" type={has('dispatch') ? 'default' : 'primary'} icon={<CheckOutlined />} onClick={() => setDialog('resolve')}>
        {x.kind === 'consultation' ? t('答复办结', 'Answer and resolve') : t('办结', 'Resolve')}
      </Button>,
    );
  if (has('visit'))
    buttons.push(
      <Button key="visit" type="primary" icon={<PhoneOutlined />} onClick={() => setDialog('visit')}>
        {t('回访', 'Return visit')}
      </Button>,
    );
  if (has('resume'))
    buttons.push(
      <Button key="resume" type="primary" icon={<PlayCircleOutlined />} loading={quick.busy === 'resume'} onClick={() => void quick.run('resume', t('已恢复处理', 'Resumed'))}>
        {t('恢复', 'Resume')}
      </Button>,
    );
  if (has('close'))
    buttons.push(
      <Button
        key="close"
        icon={<LockOutlined />}
        loading={quick.busy === 'close'}
        onClick={() =>
          modal.confirm({
            title: t(`关闭工单 ${x.number}？`, `Close ticket ${x.number}?`),
            content: t('关闭后不能再处理。', 'A closed ticket cannot be worked on again.'),
            okText: t('关闭', 'Close'),
            cancelText: t('取消', 'Cancel'),
            onOk: () => quick.run('close', t('工单已关闭', 'Ticket closed')),
          })
        }
      >
        {t('关闭', 'Close')}
      </Button>,
    );
  if (has('hold'))
    buttons.push(
      <Button key="hold" icon={<PauseCircleOutlined />} onClick={() => setDialog('hold')}>
        {t('挂起', 'Hold')}
      </Button>,
    );
  if (has('reopen'))
    buttons.push(
      <Button key="reopen" icon={<RedoOutlined />} onClick={() => setDialog('reopen')}>
        {t('重新打开', 'Reopen')}
      </Button>,
    );
  if (has('transfer'))
    buttons.push(
      <Button key="transfer" icon={<SwapOutlined />} onClick={() => setDialog('transfer')}>
        {t('联动转出', 'Transfer')}
      </Button>,
    );
  if (has('cancel'))
    buttons.push(
      <Button key="cancel" danger icon={<StopOutlined />} onClick={() => setDialog('cancel')}>
        {t('取消工单', 'Cancel ticket')}
      </Button>,
    );

  const requester = (
    <Space size={4} wrap>
      {x.requesterResidentId && can('residents.read') ? <Link to={`/residents/${x.requesterResidentId}`}>{x.requesterName ?? '—'}</Link> : <span>{x.requesterName ?? '—'}</span>}
      {x.requesterPhone && <Typography.Text copyable>{x.requesterPhone}</Typography.Text>}
    </Space>
  );

  return (
    <div>
      {crumbs}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <div>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} copyable={{ text: x.number }}>
              {x.number}
            </Typography.Title>
            <StatusTag status={x.status} big />
            <KindTag kind={x.kind} big />
            <PriorityTag priority={x.priority} />
            {x.major && <Tag color="red">{t('重大', 'Major')}</Tag>}
            {x.escalationLevel > 0 && (
              <Tag color={x.escalationLevel >= 2 ? 'red' : 'orange'} icon={<WarningFilled />}>
                {t(`已升级 L${x.escalationLevel}`, `Escalated L${x.escalationLevel}`)}
              </Tag>
            )}
            {x.satisfaction && <OutcomeTag outcome={x.satisfaction} />}
          </Space>
          <Typography.Paragraph style={{ margin: '6px 0 0', fontSize: 15 }}>{x.title}</Typography.Paragraph>
        </div>
        <Space wrap>{buttons}</Space>
      </div>

      {x.status === 'on_hold' && (
        <Card size="small" style={{ marginBottom: 16, borderColor: '#ffd591', background: '#fff7e6' }}>
          <Space wrap>
            <PauseCircleOutlined style={{ color: '#fa8c16' }} />
            <Typography.Text strong>{t('挂起中，时限计时暂停', 'On hold: the SLA clocks are paused')}</Typography.Text>
            {x.holdReason && <Typography.Text>{t(`原因：${x.holdReason}`, `Reason: ${x.holdReason}`)}</Typography.Text>}
            {x.holdUntil && <Typography.Text type="secondary">{t(`预计恢复 ${formatInstant(x.holdUntil)}`, `Resumes ${formatInstant(x.holdUntil)}`)}</Typography.Text>}
          </Space>
        </Card>
      )}
      {x.status === 'cancelled' && x.cancelReason && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space>
            <StopOutlined />
            {t(`已取消：${x.cancelReason}`, `Cancelled: ${x.cancelReason}`)}
          </Space>
        </Card>
      )}

      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <SlaCard ticket={x} />
          <Card title={t('工单信息', 'Details')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('项目', 'Project')}>{x.projectName}</Descriptions.Item>
              <Descriptions.Item label={t('来源', 'Channel')}>{label(CHANNELS, x.channel, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('报事人', 'Requester')}>{requester}</Descriptions.Item>
              <Descriptions.Item label={t('房屋/位置', 'Unit / location')}>{x.unitId && can('units.read') ? <Link to={`/units/${x.unitId}`}>{placeOf(x, t)}</Link> : placeOf(x, t)}</Descriptions.Item>
              <Descriptions.Item label={t('分类', 'Category')}>{x.categoryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('受理时间', 'Created')}>{formatInstant(x.createdAt)}</Descriptions.Item>
              {(x.teamName || x.technicianName) && (
                <Descriptions.Item label={t('班组/维修人员', 'Team / technician')}>
                  {x.teamName ?? '—'} {x.technicianName ? `· ${x.technicianName}` : ''}
                </Descriptions.Item>
              )}
              {(x.appointmentFrom || x.kind === 'repair') && (
                <Descriptions.Item label={t('预约上门', 'Appointment')}>
                  {x.appointmentFrom ? `${formatInstant(x.appointmentFrom)}${x.appointmentTo ? ` – ${dayjs(x.appointmentTo).format(dayjs(x.appointmentTo).isSame(x.appointmentFrom, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm')}` : ''}` : '—'}
                </Descriptions.Item>
              )}
              {x.paid !== null && <Descriptions.Item label={t('费用', 'Charge')}>{x.paid ? <Tag color="gold">{t('有偿', 'Paid')}</Tag> : <Tag>{t('无偿', 'Free')}</Tag>}</Descriptions.Item>}
              {(x.kind === 'repair' || x.kind === 'complaint') && (x.visitAttempts > 0 || x.visitDueAt) && (
                <Descriptions.Item label={t('回访', 'Return visit')}>
                  {x.visitDueAt && <span>{t(`应于 ${formatInstant(x.visitDueAt)} 前`, `due ${formatInstant(x.visitDueAt)}`)} </span>}
                  {x.visitAttempts > 0 && <Typography.Text type="secondary">{t(`已尝试 ${x.visitAttempts} 次`, `${x.visitAttempts} attempt(s)`)}</Typography.Text>}
                </Descriptions.Item>
              )}
              {x.reopenCount > 0 && <Descriptions.Item label={t('重新打开', 'Reopened')}>{t(`${x.reopenCount} 次`, `${x.reopenCount} time(s)`)}</Descriptions.Item>}
              {x.validComplaint && (
                <Descriptions.Item label={t('有效投诉', 'Valid complaint')} span={2}>
                  <Tag color="red">{x.complaintCategory}</Tag>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('问题描述', 'Description')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{x.description}</Typography.Paragraph>
              </Descriptions.Item>
              {x.answer && (
                <Descriptions.Item label={t('答复', 'Answer')} span={2}>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{x.answer}</Typography.Paragraph>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <WorkOrdersCard orders={x.workOrders} />
          <Card title={t('照片与附件', 'Photos and files')} size="small" style={{ marginBottom: 16 }}>
            <Attachments owner="ticket" id={x.id} canUpload={x.status !== 'closed' && (can('tickets.create') || can('tickets.handle'))} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            title={
              <Space>
                <ClockCircleOutlined />
                {t('处理记录', 'Timeline')}
              </Space>
            }
            size="small"
          >
            {has('comment') && <CommentBox ticketId={x.id} />}
            <TicketTimeline events={x.timeline} />
          </Card>
        </Col>
      </Row>

      <DispatchDialog open={dialog === 'dispatch'} ticket={ref} onClose={() => setDialog(null)} />
      <ActionDialog action={dialog === 'dispatch' || dialog === 'visit' ? null : dialog} ticket={ref} onClose={() => setDialog(null)} />
      <ReturnVisitDialog open={dialog === 'visit'} ticket={ref} onClose={() => setDialog(null)} />
    </div>
  );
}

/** The three SLA targets: due, met (on time or late), overdue, or paused while on hold. */
function SlaCard({ ticket: x }: { ticket: Ticket }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const targets = [
    { key: 'response', due: x.dueAt.response, met: x.respondedAt },
    ...(x.dueAt.arrival !== undefined && (x.dueAt.arrival || x.arrivedAt || x.kind === 'repair') ? [{ key: 'arrival', due: x.dueAt.arrival ?? null, met: x.arrivedAt }] : []),
    { key: 'resolution', due: x.dueAt.resolution, met: x.resolvedAt },
  ];
  const running = OPEN_STATUSES.includes(x.status);
  const onHold = x.status === 'on_hold';
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={t('服务时限', 'Service targets')} extra={x.slaClock && <Typography.Text type="secondary">{x.slaClock === 'working' ? t('按工作时间计', 'Working hours') : t('按自然时间计', 'Calendar time')}</Typography.Text>}>
      <Row gutter={[12, 12]}>
        {targets.map((g) => {
          let state: ReactNode;
          if (g.met) {
            const late = g.due && dayjs(g.met).isAfter(g.due);
            state = late ? (
              <Tag color="orange" icon={<ExclamationCircleFilled />}>{t('超时达成', 'Met late')}</Tag>
            ) : (
              <Tag color="green" icon={<CheckCircleFilled />}>{t('已达成', 'Met')}</Tag>
            );
          } else if (onHold) {
            state = <Tag color="orange" icon={<PauseCircleOutlined />}>{t('已暂停', 'Paused')}</Tag>;
          } else if (!g.due) {
            state = <Typography.Text type="secondary">—</Typography.Text>;
          } else if (!running) {
            state = <Tag>{label(TICKET_STATUSES, x.status, locale)}</Tag>;
          } else {
            const left = dayjs(g.due).valueOf() - now;
            state =
              left < 0 ? (
                <Tag color="red" icon={<CloseCircleOutlined />}>{t(`已超时 ${formatSpan(left, t)}`, `Overdue ${formatSpan(left, t)}`)}</Tag>
              ) : (
                <Tag color={left < 3_600_000 ? 'gold' : 'blue'} icon={<ClockCircleOutlined />}>{t(`剩 ${formatSpan(left, t)}`, `${formatSpan(left, t)} left`)}</Tag>
              );
          }
          return (
            <Col key={g.key} xs={24} sm={8}>
              <div data-testid={`sla-${g.key}`}>
                <Typography.Text type="secondary">{t(`${label(TARGETS, g.key, locale)}时限`, `${label(TARGETS, g.key, locale)} due`)}</Typography.Text>
                <div style={{ fontSize: 16, fontWeight: 500 }}>{g.due ? formatInstant(g.due) : onHold ? t('暂停中', 'paused') : '—'}</div>
                <div>{state}</div>
                {g.met && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`于 ${formatInstant(g.met)}`, `at ${formatInstant(g.met)}`)}
                  </Typography.Text>
                )}
              </div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

function WorkOrdersCard({ orders }: { orders: WorkOrder[] }) {
  const { t } = useI18n();
  const time = (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—');
  const columns: TableColumnsType<WorkOrder> = [
    {
      title: t('派工单', 'Work order'),
      dataIndex: 'number',
      render: (v: string, w) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/work-orders/${w.id}`} style={{ fontWeight: 600, whiteSpace: 'nowrap', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
            {v}
          </Link>
          <WorkOrderStatusTag status={w.status} />
        </Space>
      ),
    },
    {
      title: t('班组/维修人员', 'Team / technician'),
      key: 'who',
      render: (_: unknown, w) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{w.teamName ?? '—'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {w.technicianName ?? t('待指派', 'unassigned')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('时间', 'Times'),
      key: 'times',
      render: (_: unknown, w) => (
        <div style={{ fontSize: 12, lineHeight: 1.5 }}>
          <div>{t('派单', 'Issued')} {time(w.issuedAt)}</div>
          {w.acceptedAt && <div>{t('接单', 'Accepted')} {time(w.acceptedAt)}</div>}
          {w.arrivedAt && <div>{t('到场', 'Arrived')} {time(w.arrivedAt)}</div>}
          {w.finishedAt && <div>{t('完工', 'Done')} {time(w.finishedAt)}</div>}
        </div>
      ),
    },
    {
      title: t('处理情况', 'Work done'),
      key: 'done',
      render: (_: unknown, w) => (
        <div style={{ fontSize: 13 }}>
          {w.returnReason && <Typography.Text type="warning">{t(`退单：${w.returnReason}`, `Returned: ${w.returnReason}`)}</Typography.Text>}
          {w.workDone && <div style={{ whiteSpace: 'pre-wrap' }}>{w.workDone}</div>}
          {w.materials.length > 0 && (
            <Tooltip
              title={w.materials.map((m, i) => (
                <div key={i}>
                  {m.name} × {m.quantity} @ {formatFen(m.unitPriceFen)}
                </div>
              ))}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`材料 ${w.materials.length} 项，${formatFen(materialsFen(w))}`, `${w.materials.length} material(s), ${formatFen(materialsFen(w))}`)}
              </Typography.Text>
            </Tooltip>
          )}
          {w.labourMinutes !== null && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`工时 ${w.labourMinutes} 分钟`, `Labour ${w.labourMinutes} min`)}
              </Typography.Text>
            </div>
          )}
          {!w.workDone && !w.returnReason && w.note && <Typography.Text type="secondary">{w.note}</Typography.Text>}
        </div>
      ),
    },
    { title: t('收费', 'Charge'), dataIndex: 'chargeFen', width: 90, render: (v: number | null, w) => (w.paid === false && v === null ? t('无偿', 'Free') : formatFen(v)) },
    {
      title: '',
      key: 'print',
      width: 48,
      render: (_: unknown, w) => (
        <Tooltip title={t('打印派工单', 'Print the work order')}>
          <Link to={`/work-orders/${w.id}/print`} target="_blank" aria-label={t(`打印派工单 ${w.number}`, `Print work order ${w.number}`)}>
            <PrinterOutlined />
          </Link>
        </Tooltip>
      ),
    },
  ];
  return (
    <Card title={t('派工单', 'Work orders')} size="small" style={{ marginBottom: 16 }}>
      <Table<WorkOrder> rowKey="id" size="small" columns={columns} dataSource={orders} pagination={false} locale={{ emptyText: t('暂无派工单', 'No work orders') }} scroll={{ x: 640 }} />
    </Card>
  );
}

function materialsFen(w: WorkOrder): number {
  return Math.round(w.materials.reduce((s, m) => s + m.quantity * m.unitPriceFen, 0));
}

/** An internal note (default) or a reply the resident sees. */
function CommentBox({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(true);
  const onError = useActionError();
  const changed = useTicketChanged();
  const save = useMutation({
    mutationFn: () => api.post(`/api/tickets/${ticketId}/comments`, { body: body.trim(), internal }),
    onSuccess: () => {
      setBody('');
      message.success(internal ? t('备注已添加', 'Note added') : t('已记录答复', 'Reply recorded'));
      changed();
    },
    onError: (e) => onError(e),
  });
  return (
    <div style={{ marginBottom: 16 }}>
      <Input.TextArea
        aria-label={t('备注或答复', 'Note or reply')}
        placeholder={internal ? t('内部备注（住户不可见）', 'Internal note (the resident does not see it)') : t('答复住户的内容', 'Reply to the resident')}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={body}
        maxLength={4000}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && body.trim()) save.mutate();
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8, gap: 8, flexWrap: 'wrap' }}>
        <Radio.Group
          size="small"
          optionType="button"
          value={internal}
          onChange={(e) => setInternal(e.target.value as boolean)}
          options={[
            { value: true, label: t('内部备注', 'Internal note') },
            { value: false, label: t('答复住户', 'Reply to resident') },
          ]}
        />
        <Button size="small" type="primary" icon={internal ? <CommentOutlined /> : <MessageOutlined />} disabled={!body.trim()} loading={save.isPending} onClick={() => save.mutate()}>
          {t('添加', 'Add')}
        </Button>
      </div>
    </div>
  );
}

function eventColor(e: TicketEvent): string {
  if (e.type === 'escalation') return 'red';
  if (e.type === 'visit') return 'purple';
  if (!e.internal) return 'green';
  if (e.type === 'comment') return 'gray';
  if (e.toStatus === 'cancelled' || e.toStatus === 'reopened') return 'orange';
  return 'blue';
}

/** What an event's data adds, in words (escalations, visits, dispatches). */
function eventDetail(e: TicketEvent, t: T, locale: string): ReactNode {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const bits: string[] = [];
  if (e.type === 'escalation' || e.type === 'escalation_ack') {
    if (d.level) bits.push(`L${String(d.level)}`);
    if (str('target') && str('target') !== 'major') bits.push(label(TARGETS, str('target')!, locale));
    if (str('reason')) bits.push(label(ESCALATION_REASONS, str('reason')!, locale));
  }
  if (str('outcome')) bits.push(label(OUTCOMES, str('outcome')!, locale));
  if (typeof d.serviceRating === 'number') bits.push(t(`服务 ${d.serviceRating}★`, `service ${d.serviceRating}★`));
  if (typeof d.technicianRating === 'number') bits.push(t(`维修 ${d.technicianRating}★`, `technician ${d.technicianRating}★`));
  if (str('workOrderNumber')) bits.push(str('workOrderNumber')!);
  if (str('teamName')) bits.push(str('teamName')!);
  if (str('technicianName')) bits.push(str('technicianName')!);
  if (str('toCenterName')) bits.push(t(`${str('fromCenterName') ?? ''} → ${str('toCenterName')}`, `${str('fromCenterName') ?? ''} → ${str('toCenterName')}`));
  if (str('toWorkOrderNumber')) bits.push(`→ ${str('toWorkOrderNumber')}`);
  if (typeof d.labourMinutes === 'number') bits.push(t(`工时 ${d.labourMinutes} 分钟`, `labour ${d.labourMinutes} min`));
  if (typeof d.chargeFen === 'number') bits.push(t(`收费 ${formatFen(d.chargeFen)}`, `charge ${formatFen(d.chargeFen)}`));
  if (str('until')) bits.push(t(`恢复于 ${formatInstant(str('until'))}`, `resume ${formatInstant(str('until'))}`));
  return bits.length ? <Typography.Text type="secondary">{bits.join(' · ')}</Typography.Text> : null;
}

function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t, locale } = useI18n();
  const [newestFirst, setNewestFirst] = useState(true);
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const list = newestFirst ? [...events].reverse() : events;
  return (
    <>
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button size="small" type="link" onClick={() => setNewestFirst(!newestFirst)}>
          {newestFirst ? t('最新在前', 'Newest first') : t('最早在前', 'Oldest first')}
        </Button>
      </div>
      <Timeline
        items={list.map((e) => {
          const typeLabel = e.type === 'comment' && !e.internal ? label(EVENT_TYPES, 'reply', locale) : label(EVENT_TYPES, e.type, locale);
          const moved = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus;
          return {
            key: e.id,
            color: eventColor(e),
            content: (
              <div data-testid="timeline-event">
                <Space size={6} wrap>
                  <Typography.Text strong>{typeLabel}</Typography.Text>
                  {moved && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label(TICKET_STATUSES, e.fromStatus, locale)} → {label(TICKET_STATUSES, e.toStatus, locale)}
                    </Typography.Text>
                  )}
                  {e.internal ? (
                    (e.type === 'comment' || e.type === 'reply') && <Tag>{t('内部', 'Internal')}</Tag>
                  ) : (
                    <Tag color="green">{t('住户可见', 'Resident sees it')}</Tag>
                  )}
                </Space>
                {eventDetail(e, t, locale) && <div>{eventDetail(e, t, locale)}</div>}
                {e.body && e.type !== 'created' && <div style={{ whiteSpace: 'pre-wrap', margin: '2px 0' }}>{e.body}</div>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName ?? t('系统', 'System')} · {formatInstant(e.at)}
                  </Typography.Text>
                </div>
              </div>
            ),
          };
        })}
      />
    </>
  );
}
