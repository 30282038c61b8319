/**
 * The dialogs behind a ticket's action buttons: dispatch (派工), hold, resolve, reopen, cancel,
 * transfer (联动), and the return visit (回访). Each posts to /api/tickets/:id/<action>; a 409
 * (the state moved on, or someone else changed it) shows the server's words and reloads.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Alert, AutoComplete, Checkbox, DatePicker, Form, Input, Modal, Radio, Rate, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { OrgUnit, Page, Team, TicketKind, Zone } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n, type T } from '../../i18n/i18n';
import { options } from '../../i18n/terms';
import { showSaveError } from '../units/shared';
import { OUTCOMES } from './labels';

/** What the dialogs need to know of a ticket. */
export interface TicketRef {
  id: string;
  number: string;
  kind: TicketKind;
  projectId: string;
  centerId?: string;
  zoneId: string | null;
  teamId?: string | null;
}

/**
 * After a failed action: a 409 means the ticket is no longer what this screen shows — say so in
 * the server's words and reload it; other errors go on the form's fields.
 */
export function useActionError() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (e: unknown, form: Parameters<typeof showSaveError>[1] = null) => {
    if (e instanceof ApiError && e.status === 409) {
      message.error(e.message, 6);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['return-visits'] });
      return true;
    }
    showSaveError(e, form, t, locale);
    return false;
  };
}

/** Invalidate everything a ticket change can move: the ticket, the lists, the counts, the visit queue. */
export function useTicketChanged() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    void qc.invalidateQueries({ queryKey: ['return-visits'] });
    void qc.invalidateQueries({ queryKey: ['escalations'] });
    void qc.invalidateQueries({ queryKey: ['work-orders'] });
  };
}

/** Teams of a project (for dispatch, transfer targets and valid complaints). */
export function useProjectTeams(projectId: string | undefined) {
  return useQuery({
    queryKey: ['teams', 'project', projectId],
    queryFn: () => api.get<Page<Team>>('/api/teams', { projectId, pageSize: 200 }),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}

export function useProjectZones(projectId: string | undefined) {
  return useQuery({
    queryKey: ['zones', 'project', projectId],
    queryFn: () => api.get<Page<Zone>>('/api/zones', { projectId, pageSize: 200 }),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}

/** A team's people: its leader first, then the members. */
export function teamPeople(team: Team | undefined, t: T) {
  if (!team) return [];
  const out: { value: string; label: string }[] = [];
  if (team.leaderId) out.push({ value: team.leaderId, label: `${team.leaderName ?? ''}（${t('班长', 'leader')}）` });
  for (const m of team.members) if (m.userId !== team.leaderId) out.push({ value: m.userId, label: m.displayName });
  return out;
}

// ---------------------------------------------------------------- dispatch

interface DispatchForm {
  teamId?: string;
  technicianId?: string;
  note?: string;
}

/** 派工: the zone's maintenance team comes preselected; the technician is optional (the leader can assign). */
export function DispatchDialog(props: { open: boolean; ticket: TicketRef | null; onClose(): void; onDone?(workOrderNumber: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DispatchForm>();
  const onError = useActionError();
  const changed = useTicketChanged();
  const projectId = props.ticket?.projectId;
  const teams = useProjectTeams(props.open ? projectId : undefined);
  const zones = useProjectZones(props.open ? projectId : undefined);
  const zone = zones.data?.items.find((z) => z.id === props.ticket?.zoneId);
  const zoneTeamId = zone?.teamId ?? undefined;
  const teamId = Form.useWatch('teamId', form);

  // Preselect the zone's team once the zones have loaded (unless the user already chose).
  useEffect(() => {
    if (props.open && zoneTeamId && !form.getFieldValue('teamId')) form.setFieldValue('teamId', zoneTeamId);
  }, [props.open, zoneTeamId, form]);

  const teamOptions = useMemo(() => {
    const items = [...(teams.data?.items ?? [])].sort((a, b) => Number(b.kind === 'maintenance') - Number(a.kind === 'maintenance') || a.name.localeCompare(b.name, 'zh'));
    return items.map((tm) => ({
      value: tm.id,
      label: tm.id === zoneTeamId ? `${tm.name}（${t(`${zone?.name ?? ''}责任区`, `zone ${zone?.name ?? ''}`)}）` : tm.name,
    }));
  }, [teams.data, zoneTeamId, zone?.name, t]);
  const team = teams.data?.items.find((x) => x.id === teamId);

  const dispatch = useMutation({
    mutationFn: (v: DispatchForm) =>
      api.post<{ workOrder: { id: string; number: string } }>(`/api/tickets/${props.ticket!.id}/dispatch`, {
        ...(v.teamId ? { teamId: v.teamId } : {}),
        ...(v.technicianId ? { technicianId: v.technicianId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: (r) => {
      message.success(t(`已派工，派工单 ${r.workOrder.number}`, `Dispatched: work order ${r.workOrder.number}`));
      changed();
      props.onDone?.(r.workOrder.number);
      props.onClose();
    },
    onError: (e) => {
      if (onError(e, form)) props.onClose();
    },
  });

  return (
    <Modal
      open={props.open}
      title={t(`派工 · ${props.ticket?.number ?? ''}`, `Dispatch · ${props.ticket?.number ?? ''}`)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('派工', 'Dispatch')}
      okButtonProps={{ loading: dispatch.isPending }}
      destroyOnHidden
    >
      <Form<DispatchForm> form={form} layout="vertical" name="dispatch" onFinish={(v) => dispatch.mutate(v)} preserve={false}>
        <Form.Item
          name="teamId"
          label={t('维修班组', 'Team')}
          extra={!props.ticket?.zoneId ? t('未定责任区：不选则由系统按楼栋责任区确定', 'No zone known: leave empty to route by the building\'s zone') : undefined}
        >
          <Select
            allowClear
            options={teamOptions}
            loading={teams.isLoading}
            placeholder={t('按责任区默认班组', "The zone's team (default)")}
            onChange={() => form.setFieldValue('technicianId', undefined)}
          />
        </Form.Item>
        <Form.Item name="technicianId" label={t('维修人员（可选）', 'Technician (optional)')} extra={t('不选则由班长指派', 'Leave empty for the team leader to assign')}>
          <Select allowClear disabled={!team} options={teamPeople(team, t)} placeholder={team ? t('选择本班组人员', 'Choose a team member') : t('先选择班组', 'Choose the team first')} />
        </Form.Item>
        <Form.Item name="note" label={t('派工说明', 'Note to the team')} rules={[{ max: 1000, message: t('最多 1000 个字符', 'At most 1000 characters') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- the simple actions

export type SimpleAction = 'hold' | 'resolve' | 'reopen' | 'cancel' | 'transfer';

interface ActionForm {
  reason?: string;
  until?: Dayjs | null;
  note?: string;
  answer?: string;
  centerId?: string;
}

/** One dialog for hold / resolve / reopen / cancel / transfer: each asks for its few fields. */
export function ActionDialog(props: { action: SimpleAction | null; ticket: TicketRef; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const onError = useActionError();
  const changed = useTicketChanged();
  const a = props.action;
  const centers = useQuery({
    queryKey: ['org-units', 'centers'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { kind: 'center', pageSize: 200 }),
    enabled: a === 'transfer',
    staleTime: 60_000,
  });

  const titles: Record<SimpleAction, string> = {
    hold: t('挂起', 'Put on hold'),
    resolve: t('办结', 'Resolve'),
    reopen: t('重新打开', 'Reopen'),
    cancel: t('取消工单', 'Cancel the ticket'),
    transfer: t('联动转出', 'Transfer to another center'),
  };

  const run = useMutation({
    mutationFn: (v: ActionForm) => {
      const trim = (s?: string) => (s?.trim() ? s.trim() : undefined);
      let body: Record<string, unknown>;
      switch (a!) {
        case 'hold':
          body = { reason: v.reason!.trim(), ...(v.until ? { until: v.until.toISOString() } : {}) };
          break;
        case 'resolve':
          body = { ...(trim(v.note) ? { note: trim(v.note) } : {}), ...(trim(v.answer) ? { answer: trim(v.answer) } : {}) };
          break;
        case 'transfer':
          body = { centerId: v.centerId, note: v.note!.trim() };
          break;
        default:
          body = { reason: v.reason!.trim() };
      }
      return api.post(`/api/tickets/${props.ticket.id}/${a}`, body);
    },
    onSuccess: () => {
      message.success(t(`${titles[a!]}：已完成`, `${titles[a!]}: done`));
      changed();
      props.onClose();
    },
    onError: (e) => {
      if (onError(e, form)) props.onClose();
    },
  });

  const reasonLabel: Partial<Record<SimpleAction, string>> = {
    hold: t('挂起原因', 'Why on hold'),
    reopen: t('重新打开原因', 'Why reopen'),
    cancel: t('取消原因', 'Why cancel'),
  };
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const consultation = props.ticket.kind === 'consultation';

  return (
    <Modal
      open={!!a}
      title={a ? `${titles[a]} · ${props.ticket.number}` : ''}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={a ? titles[a] : ''}
      okButtonProps={{ loading: run.isPending, danger: a === 'cancel' }}
      destroyOnHidden
    >
      <Form<ActionForm> form={form} layout="vertical" name={`action-${a ?? ''}`} onFinish={(v) => run.mutate(v)} preserve={false}>
        {a && reasonLabel[a] && (
          <Form.Item name="reason" label={reasonLabel[a]} rules={[...required(t('请填写原因', 'Give the reason')), { max: 500, message: t('最多 500 个字符', 'At most 500 characters') }]}>
            <Input.TextArea rows={3} autoFocus />
          </Form.Item>
        )}
        {a === 'hold' && (
          <>
            <Form.Item
              name="until"
              label={t('预计恢复时间（可选）', 'Resume at (optional)')}
              rules={[{ validator: (_r, v: Dayjs | null) => (!v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('须晚于现在', 'Must be in the future')))) }]}
            >
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
            <Alert type="info" showIcon title={t('挂起期间时限计时暂停', 'The SLA clocks pause while the ticket is on hold')} />
          </>
        )}
        {a === 'resolve' && (
          <>
            {consultation && (
              <Form.Item name="answer" label={t('答复内容（住户可见）', 'Answer (the resident sees it)')} rules={[...required(t('请填写答复', 'Write the answer')), { max: 4000 }]}>
                <Input.TextArea rows={4} autoFocus />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('处理说明（内部）', 'Resolution note (internal)')} rules={[...(consultation ? [] : required(t('请填写处理结果', 'Say how it was resolved'))), { max: 4000 }]}>
              <Input.TextArea rows={3} autoFocus={!consultation} />
            </Form.Item>
          </>
        )}
        {a === 'transfer' && (
          <>
            <Form.Item name="centerId" label={t('转至客服中心', 'To the service center')} rules={[{ required: true, message: t('请选择客服中心', 'Choose a service center') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={centers.isLoading}
                options={(centers.data?.items ?? []).filter((c) => c.id !== props.ticket.centerId).map((c) => ({ value: c.id, label: c.name }))}
                notFoundContent={t('没有其他客服中心', 'No other service center')}
              />
            </Form.Item>
            <Form.Item name="note" label={t('联动说明', 'Note for the other center')} rules={[...required(t('请填写说明', 'Write a note')), { max: 1000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Typography.Text type="secondary">{t('转出后两个中心都保留此工单的处理记录。', 'Both centers keep the ticket\'s timeline after the transfer.')}</Typography.Text>
          </>
        )}
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- return visit

interface VisitForm {
  outcome: string;
  serviceRating?: number;
  technicianRating?: number;
  comment?: string;
  valid?: boolean;
  againstKind?: 'user' | 'team';
  againstUserId?: string;
  againstTeamId?: string;
  category?: string;
}

const COMPLAINT_CATEGORIES: [string, string][] = [
  ['服务态度', 'Attitude'],
  ['服务质量', 'Quality of work'],
  ['工作效率', 'Timeliness'],
  ['违规收费', 'Improper charges'],
  ['违反规程', 'Breach of procedure'],
];

/**
 * 回访: outcome, ratings, comment; for a complaint, a valid complaint (有效投诉) against a staff
 * member or a team. Unsatisfied reopens the ticket; unreachable counts an attempt.
 */
export function ReturnVisitDialog(props: {
  open: boolean;
  ticket: TicketRef & { visitAttempts?: number; visitMaxAttempts?: number };
  onClose(): void;
  onDone?(status: string): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitForm>();
  const onError = useActionError();
  const changed = useTicketChanged();
  const outcome = Form.useWatch('outcome', form);
  const valid = Form.useWatch('valid', form);
  const againstKind = Form.useWatch('againstKind', form);
  const isComplaint = props.ticket.kind === 'complaint';
  const teams = useProjectTeams(props.open && isComplaint ? props.ticket.projectId : undefined);
  const [staffOptions, teamOptions] = useMemo(() => {
    const people = new Map<string, string>();
    for (const tm of teams.data?.items ?? []) {
      if (tm.leaderId && tm.leaderName) people.set(tm.leaderId, `${tm.leaderName} · ${tm.name}`);
      for (const m of tm.members) if (!people.has(m.userId)) people.set(m.userId, `${m.displayName} · ${tm.name}`);
    }
    return [[...people].map(([value, label]) => ({ value, label })), (teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))];
  }, [teams.data]);

  const reached = outcome && outcome !== 'unreachable';
  const save = useMutation({
    mutationFn: (v: VisitForm) =>
      api.post<{ status: string; satisfaction: string | null }>(`/api/tickets/${props.ticket.id}/return-visits`, {
        outcome: v.outcome,
        ...(reached && v.serviceRating ? { serviceRating: v.serviceRating } : {}),
        ...(reached && props.ticket.kind === 'repair' && v.technicianRating ? { technicianRating: v.technicianRating } : {}),
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(isComplaint && reached && v.valid
          ? {
              validComplaint: {
                category: v.category!.trim(),
                ...(v.againstKind === 'team' ? { againstTeamId: v.againstTeamId } : { againstUserId: v.againstUserId }),
              },
            }
          : {}),
      }),
    onSuccess: (r, v) => {
      if (v.outcome === 'unsatisfied') message.warning(t('住户不满意：工单已重新打开', 'Not satisfied: the ticket is reopened'));
      else if (v.outcome === 'unreachable')
        message.info(r.status === 'resolved' ? t('未联系上：稍后再次回访', 'Unreachable: try again later') : t('未联系上，已达最多回访次数', 'Unreachable, and that was the last attempt'));
      else message.success(t('回访已记录', 'Return visit recorded'));
      changed();
      props.onDone?.(r.status);
      props.onClose();
    },
    onError: (e) => {
      if (onError(e, form)) props.onClose();
    },
  });

  const attempts = props.ticket.visitAttempts;
  return (
    <Modal
      open={props.open}
      title={t(`回访 · ${props.ticket.number}`, `Return visit · ${props.ticket.number}`)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('保存回访', 'Save the visit')}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
      width={560}
    >
      {attempts !== undefined && attempts > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          title={t(`已回访 ${attempts} 次未联系上${props.ticket.visitMaxAttempts ? `（最多 ${props.ticket.visitMaxAttempts} 次）` : ''}`, `${attempts} earlier attempt(s) unreachable${props.ticket.visitMaxAttempts ? ` (at most ${props.ticket.visitMaxAttempts})` : ''}`)}
        />
      )}
      <Form<VisitForm> form={form} layout="vertical" name="returnVisit" onFinish={(v) => save.mutate(v)} preserve={false} initialValues={{ againstKind: 'user' }}>
        <Form.Item name="outcome" label={t('回访结果', 'Outcome')} rules={[{ required: true, message: t('请选择回访结果', 'Choose the outcome') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={options(OUTCOMES, locale)} />
        </Form.Item>
        {reached && (
          <Space size="large" wrap>
            <Form.Item name="serviceRating" label={t('服务评分', 'Service rating')}>
              <Rate aria-label={t('服务评分', 'Service rating')} />
            </Form.Item>
            {props.ticket.kind === 'repair' && (
              <Form.Item name="technicianRating" label={t('维修人员评分', 'Technician rating')}>
                <Rate aria-label={t('维修人员评分', 'Technician rating')} />
              </Form.Item>
            )}
          </Space>
        )}
        <Form.Item
          name="comment"
          label={outcome === 'unsatisfied' ? t('住户意见（将重新打开工单）', 'What the resident said (the ticket reopens)') : t('住户意见', 'Comments')}
          rules={[{ required: outcome === 'unsatisfied', whitespace: true, message: t('请记录不满意的原因', 'Record why the resident is not satisfied') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        {isComplaint && reached && (
          <>
            <Form.Item name="valid" valuePropName="checked">
              <Checkbox>{t('认定为有效投诉（计入质量考核）', 'A valid complaint against a post (counts in the quality reports)')}</Checkbox>
            </Form.Item>
            {valid && (
              <>
                <Form.Item name="againstKind" label={t('被投诉对象', 'Against')}>
                  <Radio.Group
                    options={[
                      { value: 'user', label: t('员工', 'A staff member') },
                      { value: 'team', label: t('班组', 'A team') },
                    ]}
                  />
                </Form.Item>
                {againstKind === 'team' ? (
                  <Form.Item name="againstTeamId" label={t('班组', 'Team')} rules={[{ required: true, message: t('请选择班组', 'Choose the team') }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={teamOptions} loading={teams.isLoading} />
                  </Form.Item>
                ) : (
                  <Form.Item name="againstUserId" label={t('员工', 'Staff member')} rules={[{ required: true, message: t('请选择员工', 'Choose the staff member') }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={staffOptions} loading={teams.isLoading} />
                  </Form.Item>
                )}
                <Form.Item name="category" label={t('投诉类别', 'Complaint category')} rules={[{ required: true, whitespace: true, message: t('请填写投诉类别', 'Give the category') }, { max: 60 }]}>
                  <AutoComplete options={COMPLAINT_CATEGORIES.map(([zh, en]) => ({ value: locale === 'en' ? en : zh }))} filterOption={(i, o) => String(o?.value ?? '').includes(i)} />
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Confirm-and-post for the actions without fields (resume, close). */
export function useQuickAction(ticket: { id: string } | null) {
  const onError = useActionError();
  const changed = useTicketChanged();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (action: 'resume' | 'close', done: string) => {
    if (!ticket) return;
    setBusy(action);
    try {
      await api.post(`/api/tickets/${ticket.id}/${action}`, {});
      message.success(done);
      changed();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
