/**
 * Today at the desk: who is on duty (and who covers), live gaps, checklist progress, keys out,
 * callbacks due, handovers, visitors on site and pinned notices — the desk's one screen.
 */
import { useEffect, useState } from 'react';
import { useSearchParams, Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, List, Modal, Row, Select, Space, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeskToday, Page, Shift } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { DAY_TYPES, DeskSelect, hhmm, shortDateTime, useDeskStaff, zonedIso } from './shared';

export default function DeskTodayPage() {
  const { t, locale } = useI18n();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const deskId = params.get('deskId') ?? undefined;
  const [leaving, setLeaving] = useState<Shift | null>(null);
  const [handingOver, setHandingOver] = useState(false);
  const work = can('desk.work');

  const today = useQuery({ queryKey: ['desk-today', deskId], queryFn: () => api.get<DeskToday>(`/api/desks/${deskId}/today`), enabled: !!deskId, refetchInterval: 60_000 });
  const tz = today.data?.desk.timezone ?? 'Asia/Shanghai';
  const date = today.data?.date;
  // The day's checklists are opened on first sight (idempotent on the server).
  useEffect(() => {
    if (work && deskId && date) {
      void api.post('/api/checklist-runs', { deskId, date }).then(() => qc.invalidateQueries({ queryKey: ['desk-today', deskId] })).catch(() => undefined);
    }
  }, [work, deskId, date, qc]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['desk-today'] });
  const check = useMutation({ mutationFn: (p: { runId: string; itemId: string }) => api.post(`/api/checklist-runs/${p.runId}/items/${p.itemId}/check`), onSuccess: refresh, onError: (e) => toastError(e, t) });
  const back = useMutation({ mutationFn: (coverId: string) => api.post(`/api/covers/${coverId}/return`), onSuccess: refresh, onError: (e) => toastError(e, t) });
  const ack = useMutation({ mutationFn: (id: string) => api.post(`/api/handovers/${id}/acknowledge`, {}), onSuccess: refresh, onError: (e) => toastError(e, t) });
  const d = today.data;

  return (
    <>
      <PageHeader
        title={t('今日前台', "Today's desk")}
        sub={d ? `${d.date} · ${locale === 'en' ? DAY_TYPES[d.dayType].en : DAY_TYPES[d.dayType].zh} · ${d.open.map((o) => `${hhmm(o.start, tz)}–${hhmm(o.end, tz)}`).join(', ') || t('今日不营业', 'Closed today')}` : undefined}
        extra={<Space>
          <DeskSelect value={deskId} onChange={(v) => setParams({ deskId: v })} />
          {work && <Button onClick={() => setHandingOver(true)}>{t('交接班', 'Hand over')}</Button>}
        </Space>}
      />
      <ErrorAlert error={today.error} />
      {d && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('值班', 'On duty')} size="small">
              {d.gaps.length > 0 && (
                <Alert type="error" showIcon style={{ marginBottom: 8 }} message={t('今日空岗', 'Gaps today')} description={d.gaps.map((g) => `${hhmm(g.start, tz)}–${hhmm(g.end, tz)}（${g.minutes}${t('分钟', ' min')}）`).join('；')} />
              )}
              <List
                dataSource={d.onDuty}
                locale={{ emptyText: t('今日无人排班', 'Nobody rostered today') }}
                renderItem={(s) => {
                  const open = s.covers.find((c) => c.returnedAt === null);
                  return (
                    <List.Item
                      actions={work ? [open
                        ? <Button key="back" size="small" onClick={() => back.mutate(open.id)}>{t('返岗', 'Back')}</Button>
                        : <Button key="leave" size="small" onClick={() => setLeaving(s)}>{t('离岗（代岗）', 'Leave (cover)')}</Button>] : []}
                    >
                      <List.Item.Meta
                        title={<Space>{s.userName}<Typography.Text type="secondary">{hhmm(s.startAt, tz)}–{hhmm(s.endAt, tz)}</Typography.Text></Space>}
                        description={s.covers.map((c) => (
                          <div key={c.id}>
                            {t(`${hhmm(c.from, tz)}–${hhmm(c.to, tz)} 由 ${c.coverUserName} 代岗（${c.reason}）`, `${hhmm(c.from, tz)}–${hhmm(c.to, tz)} covered by ${c.coverUserName} (${c.reason})`)}
                            {c.returnedAt ? ` · ${t('已返岗', 'back')} ${hhmm(c.returnedAt, tz)}` : ''}
                            {c.overdue && <Tag color="red" style={{ marginLeft: 4 }}>{t('超时未返岗', 'Overdue')}</Tag>}
                          </div>
                        ))}
                      />
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('开闭店检查', 'Opening and closing checks')} size="small">
              {d.checklists.length === 0 && <Empty description={t('今日无检查表', 'No checklist today')} />}
              {d.checklists.map((run) => (
                <div key={run.id} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{run.name}</Typography.Text> <Tag>{run.done}/{run.items.length}</Tag>
                  {run.lateCount > 0 && <Tag color="red">{t(`${run.lateCount} 项超时`, `${run.lateCount} late`)}</Tag>}
                  {run.items.map((it) => (
                    <div key={it.id}>
                      <Checkbox checked={it.checkedAt !== null} disabled={!work || it.checkedAt !== null} onChange={() => check.mutate({ runId: run.id, itemId: it.id })}>
                        <Typography.Text type={it.late ? 'danger' : undefined}>{it.text}</Typography.Text>
                      </Checkbox>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('应于', 'due')} {hhmm(it.dueAt, tz)}
                        {it.checkedAt && ` · ${it.checkedBy} ${hhmm(it.checkedAt, tz)}`}
                      </Typography.Text>
                    </div>
                  ))}
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={<Link to="/frontdesk/keys?out=true">{t('借出钥匙', 'Keys out')}</Link>} size="small">
              <List size="small" dataSource={d.keysOut} locale={{ emptyText: t('无', 'None') }} renderItem={(k) => (
                <List.Item>{k.keyLabel} · {k.borrower} · {t('应还', 'due')} {shortDateTime(k.dueAt, tz)} {k.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}</List.Item>
              )} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={<Link to="/frontdesk/calls?callbackPending=true">{t('待回电', 'Callbacks due')}</Link>} size="small">
              <List size="small" dataSource={d.callbacksDue} locale={{ emptyText: t('无', 'None') }} renderItem={(c) => (
                <List.Item>{c.callerName ?? c.number} · {c.keyPoints.slice(0, 20)} · {shortDateTime(c.callbackDueAt!, tz)} {c.callbackOverdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}</List.Item>
              )} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('交接班与在场访客', 'Handovers and visitors on site')} size="small">
              {d.visitorsOnSite && <Alert type="info" style={{ marginBottom: 8 }} message={t(`在场访客：${d.visitorsOnSite}`, `Visitors on site: ${d.visitorsOnSite}`)} />}
              <List size="small" dataSource={d.pendingHandovers} locale={{ emptyText: t('无待确认交接', 'No handover waiting') }} renderItem={(h) => (
                <List.Item actions={h.toUserId === me?.user.id ? [<Button key="ack" size="small" type="primary" onClick={() => ack.mutate(h.id)}>{t('确认接班', 'Acknowledge')}</Button>] : []}>
                  <List.Item.Meta title={`${h.fromUserName} → ${h.toUserName}`} description={<>
                    <div>{h.notes}</div>
                    {h.items.keysOut.length > 0 && <div>{t('借出钥匙', 'Keys out')}：{h.items.keysOut.map((k) => k.label).join('、')}</div>}
                    {h.items.tickets.length > 0 && <div>{t('未结工单', 'Open tickets')}：{h.items.tickets.map((x) => x.number).join('、')}</div>}
                  </>} />
                </List.Item>
              )} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={<Link to="/frontdesk/notices">{t('置顶通知', 'Pinned notices')}</Link>} size="small">
              <List size="small" dataSource={d.pinnedNotices} locale={{ emptyText: t('无', 'None') }} renderItem={(n) => (
                <List.Item>
                  <Space>{n.mine && !n.mine.readAt && <Tag color="red">{t('未读', 'Unread')}</Tag>}<Typography.Text strong>{n.title}</Typography.Text><Typography.Text type="secondary">{n.body.slice(0, 60)}</Typography.Text></Space>
                </List.Item>
              )} />
            </Card>
          </Col>
        </Row>
      )}
      {leaving && d && <CoverDialog shift={leaving} deskId={d.desk.id} tz={tz} date={d.date} onClose={() => setLeaving(null)} onSaved={() => { setLeaving(null); void refresh(); }} />}
      {handingOver && d && <HandoverDialog deskId={d.desk.id} projectId={d.desk.projectId} onClose={() => setHandingOver(false)} onSaved={() => { setHandingOver(false); void refresh(); }} />}
    </>
  );
}

/** Leaving the post is only possible with a named cover (代岗) and a time to be back. */
function CoverDialog(props: { shift: Shift; deskId: string; tz: string; date: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const staff = useDeskStaff(props.deskId);
  const [form] = Form.useForm<{ coverUserId: string; until: string; reason: string }>();
  const save = useMutation({
    mutationFn: (v: { coverUserId: string; until: string; reason: string }) =>
      api.post('/api/covers', { shiftId: props.shift.id, coverUserId: v.coverUserId, from: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(), to: zonedIso(props.date, v.until, props.tz), reason: v.reason }),
    onSuccess: () => { message.success(t('已登记代岗', 'Cover recorded')); props.onSaved(); },
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={t(`${props.shift.userName} 临时离岗`, `${props.shift.userName} leaves briefly`)} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('登记', 'Record')} cancelText={t('取消', 'Cancel')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="coverUserId" label={t('代岗人', 'Covered by')} rules={[{ required: true, message: t('离岗前须有人代岗', 'Name who covers first') }]}>
          <Select showSearch optionFilterProp="label" options={(staff.data?.items ?? []).filter((s) => s.id !== props.shift.userId).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="until" label={t('预计返岗时间', 'Back by')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('格式 HH:MM', 'Format HH:MM') }]}>
          <Input placeholder="12:30" />
        </Form.Item>
        <Form.Item name="reason" label={t('事由', 'Reason')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface HandoverValues {
  toUserId: string;
  notes: string;
  visitorsOnSite?: string;
  ticketIds?: string[];
}

function HandoverDialog(props: { deskId: string; projectId: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const staff = useDeskStaff(props.deskId);
  // The outgoing person's own tickets still open: the ones worth handing over.
  const mine = useQuery({
    queryKey: ['tickets', 'handover', props.projectId],
    queryFn: () => api.get<Page<{ id: string; number: string; title: string }>>('/api/tickets', { projectId: props.projectId, assigneeId: 'me', status: 'new,dispatched,in_progress,on_hold,reopened', pageSize: 50 }),
    enabled: can('tickets.read'),
  });
  const [form] = Form.useForm<HandoverValues>();
  const save = useMutation({
    mutationFn: (v: HandoverValues) => api.post('/api/handovers', { deskId: props.deskId, toUserId: v.toUserId, notes: v.notes, ticketIds: v.ticketIds ?? [], ...(v.visitorsOnSite ? { visitorsOnSite: v.visitorsOnSite } : {}) }),
    onSuccess: () => { message.success(t('已交班，待接班人确认', 'Handed over; waiting for acknowledgement')); props.onSaved(); },
    onError: (e) => toastError(e, t),
  });
  return (
    <Modal open title={t('交接班', 'Hand over')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('交班', 'Hand over')} cancelText={t('取消', 'Cancel')}>
      <Typography.Paragraph type="secondary">{t('借出未还的钥匙会自动列入交接内容。', 'Keys still out are listed in the handover automatically.')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="toUserId" label={t('接班人', 'Incoming person')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(staff.data?.items ?? []).filter((s) => s.id !== me?.user.id).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('交接事项', 'Notes')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="ticketIds" label={t('未结工单', 'Open tickets')}>
          <Select mode="multiple" options={(mine.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.number} ${x.title}` }))} />
        </Form.Item>
        <Form.Item name="visitorsOnSite" label={t('在场访客', 'Visitors on site')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
