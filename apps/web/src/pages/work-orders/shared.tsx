/**
 * The technician's work order (派工单) as a big card for a phone: where, who (tap to call), when,
 * what; and the buttons its status allows — 接单, 到场开工, 完工 (a full-screen form), 退单, 转单,
 * and for the team's leader 指派. Each posts to /api/work-orders/:id/<action>; a 409 (someone
 * else moved it first) shows the server's words and reloads.
 */
import { cloneElement, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import {
  CalendarOutlined, CheckCircleOutlined, EnvironmentOutlined, LoginOutlined, PhoneOutlined, RollbackOutlined, SwapOutlined, ToolOutlined, UserAddOutlined, UserOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { TICKET_PREFIX, type Page, type Team, type TicketKind, type WorkOrder } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, type T } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { showSaveError } from '../units/shared';
import { WorkOrderStatusTag } from '../tickets/bits';
import { TICKET_KINDS } from '../tickets/labels';
import { FinishDrawer } from './FinishDrawer';

// ---------------------------------------------------------------- who I am on the crews

export interface Crew {
  userId: string;
  /** Teams the user leads: he sees, works and transfers their orders. */
  ledTeamIds: string[];
  /** Teams the user belongs to: their unassigned issued orders are his pool. */
  memberTeamIds: string[];
  teams: Team[];
}

/** The maintenance teams the user can see, and which of them he leads or belongs to. */
export function useCrew(): { crew: Crew; loading: boolean } {
  const { me, can } = useAuth();
  const teams = useQuery({
    queryKey: ['teams', 'maintenance'],
    queryFn: () => api.get<Page<Team>>('/api/teams', { kind: 'maintenance', pageSize: 200 }),
    enabled: can('teams.read'),
    staleTime: 60_000,
  });
  const crew = useMemo<Crew>(() => {
    const userId = me?.user.id ?? '';
    const items = teams.data?.items ?? [];
    return {
      userId,
      ledTeamIds: items.filter((tm) => tm.leaderId === userId).map((tm) => tm.id),
      memberTeamIds: items.filter((tm) => tm.leaderId === userId || tm.members.some((m) => m.userId === userId)).map((tm) => tm.id),
      teams: items,
    };
  }, [me, teams.data]);
  return { crew, loading: teams.isLoading };
}

/** Teams of one project (transfer targets). */
export function useProjectMaintenanceTeams(projectId: string | undefined) {
  return useQuery({
    queryKey: ['teams', 'maintenance', projectId],
    queryFn: () => api.get<Page<Team>>('/api/teams', { projectId, kind: 'maintenance', pageSize: 200 }),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}

/** A team's people, the leader first. */
export function teamMembers(team: Team | undefined, t: T) {
  if (!team) return [];
  const out: { value: string; label: string }[] = [];
  if (team.leaderId) out.push({ value: team.leaderId, label: `${team.leaderName ?? ''}（${t('班长', 'leader')}）` });
  for (const m of team.members) if (m.userId !== team.leaderId) out.push({ value: m.userId, label: m.displayName });
  return out;
}

type WorkAction = 'accept' | 'start' | 'finish' | 'return';

/** The buttons a user sees; the server decides again. Mirrors the server's work-order policy. */
export function useOrderPermissions(crew: Crew) {
  const { can } = useAuth();
  return useMemo(
    () => ({
      mayWork(o: WorkOrder, action: WorkAction) {
        if (!can('work_orders.work')) return false;
        if (o.technicianId === crew.userId || crew.ledTeamIds.includes(o.teamId)) return true;
        return action === 'accept' && o.technicianId === null && crew.memberTeamIds.includes(o.teamId);
      },
      mayAssign(o: WorkOrder) {
        return crew.ledTeamIds.includes(o.teamId) || can('work_orders.assign');
      },
    }),
    [can, crew],
  );
}

// ---------------------------------------------------------------- formatting

/** The ticket's kind, read from its number's prefix (BX-… is a repair). */
export function kindOfTicketNumber(ticketNumber: string): TicketKind | undefined {
  const prefix = ticketNumber.split('-')[0];
  return (Object.entries(TICKET_PREFIX) as [TicketKind, string][]).find(([, p]) => p === prefix)?.[0];
}

/** "1栋 101", or the public-area text. */
export function orderPlace(o: Pick<WorkOrder, 'unitLabel' | 'location'>, t: T): string {
  if (o.unitLabel) return o.unitLabel;
  if (o.location) return `${t('公共区域：', 'Public area: ')}${o.location}`;
  return '—';
}

/** "11-30 14:00–16:00"; both dates when the window spans days. */
export function appointmentText(o: Pick<WorkOrder, 'appointmentFrom' | 'appointmentTo'>, withYear = false): string | null {
  if (!o.appointmentFrom && !o.appointmentTo) return null;
  const f = withYear ? 'YYYY-MM-DD HH:mm' : 'MM-DD HH:mm';
  const from = o.appointmentFrom ? dayjs(o.appointmentFrom) : null;
  const to = o.appointmentTo ? dayjs(o.appointmentTo) : null;
  if (from && to) return from.isSame(to, 'day') ? `${from.format(f)}–${to.format('HH:mm')}` : `${from.format(f)} – ${to.format(f)}`;
  return (from ?? to)!.format(f);
}

export function yuanToFen(yuan: number | null | undefined): number {
  return Math.round((yuan ?? 0) * 100);
}

/** Σ quantity × unit price, whole fen. */
export function materialsTotalFen(materials: { quantity: number; unitPriceFen: number }[]): number {
  return Math.round(materials.reduce((s, m) => s + m.quantity * m.unitPriceFen, 0));
}

// ---------------------------------------------------------------- actions

/** Post one action; on success reload everything an order's change moves. */
export function useOrderAction() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['work-orders'] });
    void qc.invalidateQueries({ queryKey: ['tickets'] });
  };
  return {
    reload,
    async run(
      order: WorkOrder,
      action: 'accept' | 'start' | 'finish' | 'return' | 'transfer' | 'assign',
      body: unknown,
      done: string,
      form: Parameters<typeof showSaveError>[1] = null,
    ): Promise<WorkOrder | null> {
      try {
        const r = await api.post<WorkOrder>(`/api/work-orders/${order.id}/${action}`, body);
        message.success(done);
        reload();
        return r;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
          message.error(e.message, 6);
          reload();
        } else {
          showSaveError(e, form, t, locale);
        }
        return null;
      }
    },
  };
}

const big = { height: 48, fontSize: 16 } as const;

/** The buttons of an order's current status, for whoever may press them. */
export function OrderActions({ order, crew, onChanged }: { order: WorkOrder; crew: Crew; onChanged?(o: WorkOrder): void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const perms = useOrderPermissions(crew);
  const action = useOrderAction();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'finish' | 'return' | 'transfer' | 'assign' | null>(null);
  const s = order.status;

  const fire = async (a: 'accept' | 'start', body: unknown, done: string) => {
    setBusy(a);
    const r = await action.run(order, a, body, done);
    setBusy(null);
    if (r) onChanged?.(r);
  };

  const primary: ReactNode[] = [];
  const secondary: ReactNode[] = [];
  if (s === 'issued' && perms.mayWork(order, 'accept')) {
    primary.push(
      <Button key="accept" type="primary" block size="large" style={big} icon={<CheckCircleOutlined />} loading={busy === 'accept'}
        onClick={() => fire('accept', {}, t(`已接单 ${order.number}`, `Accepted ${order.number}`))}>
        {t('接单', 'Accept')}
      </Button>,
    );
  }
  if (s === 'accepted' && perms.mayWork(order, 'start')) {
    primary.push(
      <Button key="start" type="primary" block size="large" style={big} icon={<LoginOutlined />} loading={busy === 'start'}
        onClick={() =>
          modal.confirm({
            title: t('确认已到达现场并开始维修？', 'Arrived on site and starting the work?'),
            content: t('到场时间记为现在。', 'The arrival time is recorded as now.'),
            okText: t('到场开工', 'Arrived, start'),
            cancelText: t('取消', 'Cancel'),
            onOk: () => fire('start', {}, t('已记录到场，开始维修', 'Arrival recorded: work started')),
          })
        }>
        {t('到场开工', 'Arrived / start')}
      </Button>,
    );
  }
  if (s === 'working' && perms.mayWork(order, 'finish')) {
    primary.push(
      <Button key="finish" type="primary" block size="large" style={big} icon={<ToolOutlined />} onClick={() => setDialog('finish')}>
        {t('完工', 'Finish')}
      </Button>,
    );
  }
  if (s === 'issued' && perms.mayAssign(order)) {
    secondary.push(
      <Button key="assign" block size="large" icon={<UserAddOutlined />} onClick={() => setDialog('assign')}>
        {t('指派', 'Assign')}
      </Button>,
    );
  }
  if ((s === 'issued' || s === 'accepted') && perms.mayAssign(order)) {
    secondary.push(
      <Button key="transfer" block size="large" icon={<SwapOutlined />} onClick={() => setDialog('transfer')}>
        {t('转单', 'Transfer')}
      </Button>,
    );
  }
  if ((s === 'issued' || s === 'accepted' || s === 'working') && perms.mayWork(order, 'return')) {
    secondary.push(
      <Button key="return" block size="large" danger icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
        {t('退单', 'Return')}
      </Button>,
    );
  }
  if (primary.length === 0 && secondary.length === 0) return null;
  // Three side by side on a phone: words only, or they would not fit.
  const row = secondary.length >= 3 ? secondary.map((b) => cloneElement(b as ReactElement<{ icon?: ReactNode; autoInsertSpace?: boolean }>, { icon: undefined, autoInsertSpace: false })) : secondary;
  return (
    <div style={{ marginTop: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {primary}
        {secondary.length > 0 && <div style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.min(secondary.length, 3)}, minmax(0, 1fr))`, gap: 8 }}>{row}</div>}
      </Space>
      <FinishDrawer open={dialog === 'finish'} order={order} onClose={() => setDialog(null)} onDone={(o) => { setDialog(null); onChanged?.(o); }} />
      <ReturnDialog open={dialog === 'return'} order={order} onClose={() => setDialog(null)} onDone={(o) => { setDialog(null); onChanged?.(o); }} />
      <TransferDialog open={dialog === 'transfer'} order={order} onClose={() => setDialog(null)} onDone={(o) => { setDialog(null); onChanged?.(o); }} />
      <AssignDialog open={dialog === 'assign'} order={order} onClose={() => setDialog(null)} onDone={(o) => { setDialog(null); onChanged?.(o); }} />
    </div>
  );
}

interface DialogProps {
  open: boolean;
  order: WorkOrder;
  onClose(): void;
  onDone(o: WorkOrder): void;
}

/** 退单: the order goes back to the desk with a reason (wrong trade, not our responsibility, …). */
function ReturnDialog({ open, order, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const action = useOrderAction();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    const r = await action.run(order, 'return', { reason: v.reason.trim() }, t(`已退单 ${order.number}`, `Returned ${order.number}`), form);
    setBusy(false);
    if (r) {
      form.resetFields();
      onDone(r);
    }
  };
  return (
    <Modal open={open} title={t(`退单 ${order.number}`, `Return ${order.number}`)} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={t('确认退单', 'Return the order')} okButtonProps={{ danger: true }} cancelText={t('取消', 'Cancel')} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {t('退回后工单回到服务台重新派工。', 'The ticket goes back to the desk for a new dispatch.')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('退单原因', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请填写退单原因', 'Give the reason') }, { max: 500 }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('如：非本班组工种、需业主自行处理', 'e.g. not our trade, the owner must handle it')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 转单: this order ends and a new one goes to another team or technician of the project. */
function TransferDialog({ open, order, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ teamId: string; technicianId?: string; note?: string }>();
  const teams = useProjectMaintenanceTeams(open ? order.projectId : undefined);
  const teamId = Form.useWatch('teamId', form) ?? order.teamId;
  const team = teams.data?.items.find((tm) => tm.id === teamId);
  const action = useOrderAction();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (v.teamId === order.teamId && (v.technicianId ?? null) === order.technicianId) {
      form.setFields([{ name: 'technicianId', errors: [t('转单对象与原派工相同', 'The order is already with this team and technician')] }]);
      return;
    }
    setBusy(true);
    const r = await action.run(
      order, 'transfer',
      { teamId: v.teamId, ...(v.technicianId ? { technicianId: v.technicianId } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
      t('已转单，新派工单已发出', 'Transferred: a new work order was issued'), form,
    );
    setBusy(false);
    if (r) {
      form.resetFields();
      onDone(r);
    }
  };
  return (
    <Modal open={open} title={t(`转单 ${order.number}`, `Transfer ${order.number}`)} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={t('确认转单', 'Transfer')} cancelText={t('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ teamId: order.teamId }}>
        <Form.Item name="teamId" label={t('转给班组', 'To team')} rules={[{ required: true, message: t('请选择班组', 'Choose a team') }]}>
          <Select loading={teams.isLoading} options={(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
            onChange={() => form.setFieldValue('technicianId', undefined)} />
        </Form.Item>
        <Form.Item name="technicianId" label={t('维修人员（可不选，由班长指派）', 'Technician (optional: the leader assigns)')}>
          <Select allowClear options={teamMembers(team, t).filter((m) => !(teamId === order.teamId && m.value === order.technicianId))}
            placeholder={t('不指定', 'Nobody in particular')} />
        </Form.Item>
        <Form.Item name="note" label={t('说明', 'Note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 指派: the team's leader names the technician of an order nobody has accepted yet (the same order). */
function AssignDialog({ open, order, onClose, onDone }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ technicianId: string }>();
  const teams = useProjectMaintenanceTeams(open ? order.projectId : undefined);
  const team = teams.data?.items.find((tm) => tm.id === order.teamId);
  const action = useOrderAction();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    const r = await action.run(order, 'assign', { technicianId: v.technicianId }, t('已指派维修人员', 'Technician assigned'), form);
    setBusy(false);
    if (r) {
      form.resetFields();
      onDone(r);
    }
  };
  return (
    <Modal open={open} title={t(`指派 ${order.number}`, `Assign ${order.number}`)} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={t('指派', 'Assign')} cancelText={t('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="technicianId" label={t(`维修人员（${order.teamName ?? ''}）`, `Technician (${order.teamName ?? ''})`)}
          rules={[{ required: true, message: t('请选择维修人员', 'Choose a technician') }]}>
          <Select loading={teams.isLoading} options={teamMembers(team, t).filter((m) => m.value !== order.technicianId)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- the card

function Line({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginTop: 6, fontSize: 15 }}>
      <span style={{ color: '#8c8c8c', paddingTop: 2 }}>{icon}</span>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </div>
  );
}

/** Tap-to-call: a big button with the number. */
export function CallButton({ name, phone }: { name: string | null; phone: string | null }) {
  const { t } = useI18n();
  if (!phone) return null;
  return (
    <Button href={`tel:${phone}`} icon={<PhoneOutlined />} size="large" aria-label={t(`拨打 ${name ?? ''} ${phone}`, `Call ${name ?? ''} ${phone}`)}>
      {phone}
    </Button>
  );
}

export function WorkOrderCard({ order, crew, full, showTechnician, onChanged }: {
  order: WorkOrder;
  crew: Crew;
  /** The detail page: the whole description, no link to itself. */
  full?: boolean;
  showTechnician?: boolean;
  onChanged?(o: WorkOrder): void;
}) {
  const { t, locale } = useI18n();
  const kind = kindOfTicketNumber(order.ticketNumber);
  const appointment = appointmentText(order);
  const pool = order.status === 'issued' && order.technicianId === null;
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 14 } }} data-testid="work-order-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        {full ? (
          <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>{order.number}</Typography.Text>
        ) : (
          <Link to={`/work-orders/${order.id}`} style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>{order.number}</Link>
        )}
        <WorkOrderStatusTag status={order.status} />
      </div>
      <div style={{ marginTop: 2 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{order.ticketNumber}</Typography.Text>
        {kind && <Tag style={{ marginLeft: 8 }}>{label(TICKET_KINDS, kind, locale)}</Tag>}
        {order.paid === true && <Tag color="gold">{t('有偿', 'Paid')}</Tag>}
        {order.paid === false && <Tag>{t('无偿', 'Free')}</Tag>}
        {pool && <Tag color="purple">{t('班组待接', 'Team pool')}</Tag>}
      </div>
      <Line icon={<EnvironmentOutlined />}>
        <Typography.Text strong style={{ fontSize: 16 }}>{orderPlace(order, t)}</Typography.Text>
      </Line>
      {(order.requesterName || order.requesterPhone) && (
        <Line icon={<UserOutlined />}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
            <span>{order.requesterName ?? '—'}</span>
            <CallButton name={order.requesterName} phone={order.requesterPhone} />
          </div>
        </Line>
      )}
      {appointment && (
        <Line icon={<CalendarOutlined />}>
          {t('预约', 'Appointment')} <Typography.Text strong>{appointment}</Typography.Text>
        </Line>
      )}
      <Typography.Paragraph style={{ marginTop: 10, marginBottom: 0, fontSize: 15, background: '#fafafa', padding: '8px 10px', borderRadius: 6 }}
        ellipsis={full ? false : { rows: 3, expandable: true, symbol: t('展开', 'more') }}>
        {order.description}
      </Typography.Paragraph>
      {order.note && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('派工说明：', 'Dispatch note: ')}{order.note}
        </Typography.Paragraph>
      )}
      {order.status === 'returned' && order.returnReason && (
        <Typography.Paragraph type="warning" style={{ margin: '6px 0 0' }}>
          {t('退单原因：', 'Returned: ')}{order.returnReason}
        </Typography.Paragraph>
      )}
      {(showTechnician || full) && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {order.teamName ?? '—'} · {order.technicianName ?? t('未指派维修人员', 'no technician yet')}
        </Typography.Paragraph>
      )}
      {!full && order.status === 'done' && order.finishedAt && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('完工于 ', 'Finished ')}{dayjs(order.finishedAt).format('MM-DD HH:mm')}
        </Typography.Paragraph>
      )}
      <OrderActions order={order} crew={crew} onChanged={onChanged} />
    </Card>
  );
}
