/**
 * 电话受理: phone intake built for speed. The caller's number first → matching residents and their
 * units appear (↑↓ Enter) → kind (Alt+1…6) → category → description → Ctrl+Enter. Unknown
 * callers: type the full number and a name. A consultation can be answered on the spot.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Result, Row, Select, Space, Tag, TreeSelect, Typography,
} from 'antd';
import { CheckCircleFilled, PhoneOutlined, PlusOutlined, SendOutlined, ToolOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import { Phone, type CreateTicketBody, type Page, type Resident, type TicketKind, type TicketSummary } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label, options, RELATIONS } from '../../i18n/terms';
import { PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { showSaveError, UnitPicker, useDefaultProject, zodRule } from '../units/shared';
import { CHANNELS, PRIORITIES, TICKET_KINDS, TARGETS } from './labels';
import { KindTag, StatusTag, useCategoryTree } from './bits';
import { DispatchDialog, useProjectZones, type TicketRef } from './dialogs';

/** 预约上门 windows the technicians work in. */
const APPOINTMENT_SLOTS = ['08:00-10:00', '10:00-12:00', '12:00-14:00', '14:00-16:00', '16:00-18:00', '18:00-20:00'];

/** A date and a slot as the two instants of the window (in the receptionist's clock, the project's). */
function appointmentWindow(date: Dayjs | null | undefined, slot: string | undefined): [Dayjs, Dayjs] | null {
  if (!date || !slot) return null;
  const [from, to] = slot.split('-').map((hm) => hm.split(':').map(Number) as [number, number]);
  const at = ([h, m]: [number, number]) => date.hour(h).minute(m).second(0).millisecond(0);
  return [at(from!), at(to!)];
}

const KIND_ORDER: TicketKind[] = ['repair', 'complaint', 'consultation', 'suggestion', 'help', 'praise'];
/** Kinds worked through a work order: "dispatch now" after saving. */
const DISPATCH_KINDS: TicketKind[] = ['repair', 'help'];

interface IntakeForm {
  phone?: string;
  requesterName?: string;
  projectId?: string;
  kind: TicketKind;
  categoryId?: string;
  where: 'unit' | 'public';
  unitId?: string;
  location?: string;
  zoneId?: string;
  channel: string;
  priority: string;
  major?: boolean;
  description?: string;
  apptDate?: Dayjs | null;
  /** "08:00-10:00" */
  apptSlot?: string;
  paid?: 'free' | 'paid';
  answer?: string;
}

/** A resident picked from the matches, with the unit the call is about. */
interface Caller {
  residentId: string;
  name: string;
  phone: string;
  projectId: string;
  unitId?: string;
  unitLabel?: string;
}

interface Created {
  id: string;
  number: string;
  status: string;
  dueAt: { response: string | null; arrival?: string | null; resolution: string | null };
  kind: TicketKind;
  projectId: string;
  zoneId: string | null;
}

export default function IntakePage() {
  const [created, setCreated] = useState<Created | null>(null);
  const [round, setRound] = useState(0);
  if (created) {
    return (
      <SavedPanel
        created={created}
        onNew={() => {
          setCreated(null);
          setRound((r) => r + 1);
        }}
      />
    );
  }
  return <IntakeFormView key={round} onCreated={setCreated} />;
}

const digitsOf = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

function IntakeFormView({ onCreated }: { onCreated(c: Created): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<IntakeForm>();
  const projects = useProjects();
  const defaultProject = useDefaultProject(undefined);
  const qc = useQueryClient();
  const [caller, setCaller] = useState<Caller | null>(null);
  const [active, setActive] = useState(0);

  // The only project she works for fills itself in once the list has loaded.
  useEffect(() => {
    if (defaultProject && !form.getFieldValue('projectId')) form.setFieldValue('projectId', defaultProject);
  }, [defaultProject, form]);

  const phone = Form.useWatch('phone', form);
  const kind = Form.useWatch('kind', form) ?? 'repair';
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const where = Form.useWatch('where', form) ?? 'unit';
  const unitId = Form.useWatch('unitId', form);

  // Matches as she types: the last digits of a phone (≥ 4), a moment after the last key.
  const digits = digitsOf(phone).slice(-11);
  const [tail, setTail] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTail(digits.length >= 4 ? digits : ''), 150);
    return () => clearTimeout(h);
  }, [digits]);
  const residents = useQuery({
    queryKey: ['residents', 'phone-tail', tail],
    queryFn: () => api.get<Page<Resident>>('/api/residents', { phoneTail: tail, pageSize: 8 }),
    enabled: tail.length >= 4,
    staleTime: 30_000,
  });
  /** One row per resident × current unit (a resident without a unit is a row too). */
  const matches = useMemo(() => {
    const rows: (Caller & { key: string; relation?: string })[] = [];
    for (const r of residents.data?.items ?? []) {
      const units = r.units.filter((u) => !u.endDate);
      if (units.length === 0) rows.push({ key: r.id, residentId: r.id, name: r.name, phone: r.phone, projectId: r.projectId });
      for (const u of units) {
        rows.push({
          key: `${r.id}:${u.unitId}`,
          residentId: r.id,
          name: r.name,
          phone: r.phone,
          projectId: r.projectId,
          unitId: u.unitId,
          unitLabel: `${u.buildingName} ${u.unitNumber}`,
          relation: u.relation,
        });
      }
    }
    return rows;
  }, [residents.data]);
  useEffect(() => setActive(0), [matches]);

  const projectName = (id: string) => projects.data?.items.find((p) => p.id === id)?.name ?? '';
  const manyProjects = (projects.data?.items.length ?? 0) > 1;

  const pick = (m: Caller) => {
    setCaller(m);
    form.setFieldsValue({
      requesterName: m.name,
      projectId: m.projectId,
      where: 'unit',
      unitId: m.unitId,
      location: undefined,
      zoneId: undefined,
    });
    form.setFields([{ name: 'phone', errors: [] }, { name: 'requesterName', errors: [] }]);
    // On to the kind: the next thing she asks.
    setTimeout(() => document.querySelector<HTMLInputElement>('#intake_kind input:checked, #intake_kind input')?.focus(), 0);
  };
  const unpick = () => {
    setCaller(null);
    form.setFieldsValue({ requesterName: undefined, unitId: undefined });
  };

  // Typing another number drops the picked resident.
  useEffect(() => {
    if (caller && digits && !caller.phone.endsWith(digits) && digits !== digitsOf(caller.phone)) setCaller(null);
  }, [digits, caller]);

  const onPhoneKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (matches.length === 0 || caller) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(matches[active]!);
    }
  };

  const create = useMutation({
    mutationFn: async (v: IntakeForm) => {
      const trim = (s?: string) => (s?.trim() ? s.trim() : undefined);
      const typedPhone = (v.phone ?? '').replace(/\s/g, '');
      const fullPhone = Phone.safeParse(typedPhone).success ? typedPhone : undefined;
      const name = trim(v.requesterName);
      const inUnit = v.where === 'unit' && !!v.unitId;
      const [from, to] = appointmentWindow(v.apptDate, v.apptSlot) ?? [null, null];
      const body: z.input<typeof CreateTicketBody> = {
        projectId: v.projectId!,
        kind: v.kind,
        channel: v.channel as CreateTicketBody['channel'],
        priority: v.priority as CreateTicketBody['priority'],
        description: v.description!.trim(),
        ...(v.categoryId ? { categoryId: v.categoryId } : {}),
        ...(inUnit ? { unitId: v.unitId } : {}),
        ...(v.where === 'public' && trim(v.location) ? { location: trim(v.location) } : {}),
        ...(v.where === 'public' && v.zoneId ? { zoneId: v.zoneId } : {}),
        ...(caller
          ? {
              requesterResidentId: caller.residentId,
              // A different name or a full call-back number overrides the resident's own.
              ...(name && name !== caller.name ? { requesterName: name } : {}),
              ...(fullPhone && fullPhone !== caller.phone ? { requesterPhone: fullPhone } : {}),
            }
          : { ...(name ? { requesterName: name } : {}), ...(fullPhone ? { requesterPhone: fullPhone } : {}) }),
        ...(v.kind === 'complaint' && v.major ? { major: true } : {}),
        ...(v.kind === 'repair' && from ? { appointmentFrom: from.toISOString() } : {}),
        ...(v.kind === 'repair' && to ? { appointmentTo: to.toISOString() } : {}),
        ...(v.kind === 'repair' && inUnit && v.paid ? { paid: v.paid === 'paid' } : {}),
        ...(v.kind === 'consultation' && trim(v.answer) ? { answer: trim(v.answer) } : {}),
      };
      const r = await api.post<Omit<Created, 'kind' | 'projectId' | 'zoneId'>>('/api/tickets', body);
      return { ...r, kind: v.kind, projectId: v.projectId! };
    },
    onSuccess: async (r) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      // The zone (for "dispatch now") is known to the server; ask for it only when it matters.
      let zoneId: string | null = null;
      if (DISPATCH_KINDS.includes(r.kind)) zoneId = (await api.get<{ zoneId: string | null }>(`/api/tickets/${r.id}`).catch(() => ({ zoneId: null }))).zoneId;
      onCreated({ ...r, zoneId });
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });

  // Ctrl+Enter saves from anywhere; Alt+1…6 picks the kind; a plain Enter in a one-line box does not submit.
  const onKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
      return;
    }
    if (e.altKey && /^[1-6]$/.test(e.key)) {
      e.preventDefault();
      form.setFieldsValue({ kind: KIND_ORDER[Number(e.key) - 1]!, categoryId: undefined });
      return;
    }
    if (e.key === 'Enter' && target.tagName === 'INPUT') e.preventDefault();
  };

  const zones = useProjectZones(where === 'public' ? projectId : undefined);
  const categories = useCategoryTree(kind, projectId);
  const isRepair = kind === 'repair';
  const phoneRequired = !caller;

  return (
    <div onKeyDown={onKeys}>
      <PageHeader
        title={
          <Space>
            <PhoneOutlined />
            {t('电话受理', 'Phone intake')}
          </Space>
        }
        sub={t('来电号码 → 选择住户 → 类型 → 描述 → Ctrl+Enter 保存', "Caller's number → pick the resident → kind → description → Ctrl+Enter to save")}
      />
      <Form<IntakeForm>
        form={form}
        name="intake"
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'repair', channel: 'phone', priority: 'normal', where: 'unit', projectId: defaultProject, paid: 'free' }}
        onFinish={(v) => create.mutate({ ...v, projectId: v.projectId ?? defaultProject })}
      >
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name="phone"
                    label={t('来电号码', "Caller's number")}
                    // Checked on save only: while she types a tail, "not a whole number" would only be noise.
                    validateTrigger={[]}
                    rules={
                      phoneRequired
                        ? [
                            { required: true, message: t('请输入来电号码，或选择住户', "Type the caller's number, or pick a resident") },
                            zodRule(Phone, t('未登记来电请输入完整的手机号或带区号的座机号', 'For an unknown caller, type the whole mobile or landline number')),
                          ]
                        : []
                    }
                  >
                    <Input
                      size="large"
                      autoFocus
                      inputMode="tel"
                      autoComplete="off"
                      prefix={<PhoneOutlined />}
                      placeholder={t('输入号码或后4位', 'Number, or its last 4 digits')}
                      onKeyDown={onPhoneKey}
                      role="combobox"
                      aria-expanded={matches.length > 0 && !caller}
                      aria-controls="caller-matches"
                      aria-activedescendant={matches.length > 0 && !caller ? `caller-match-${active}` : undefined}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="requesterName"
                    label={t('报事人', 'Caller')}
                    rules={caller ? [] : [{ required: true, whitespace: true, message: t('未登记来电请填写姓名', 'Give the name of an unknown caller') }, { max: 100 }]}
                  >
                    <Input size="large" prefix={<UserOutlined />} placeholder={t('姓名（未登记来电）', 'Name (unknown caller)')} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose the project') }]} hidden={!manyProjects && !!defaultProject}>
                    <ProjectSelect
                      placeholder={t('选择项目', 'Choose')}
                      style={{ width: '100%' }}
                      onChange={() => form.setFieldsValue({ unitId: undefined, zoneId: undefined, categoryId: undefined })}
                    />
                  </Form.Item>
                </Col>
              </Row>

              <CallerMatches
                tail={tail}
                loading={residents.isFetching}
                matches={matches}
                active={active}
                caller={caller}
                onPick={pick}
                onUnpick={unpick}
                projectName={manyProjects ? projectName : undefined}
              />

              <Form.Item name="kind" label={t('类型（Alt+1…6）', 'Kind (Alt+1…6)')}>
                <Radio.Group
                  size="large"
                  optionType="button"
                  buttonStyle="solid"
                  onChange={() => form.setFieldsValue({ categoryId: undefined })}
                  options={KIND_ORDER.map((k) => ({ value: k, label: label(TICKET_KINDS, k, locale) }))}
                />
              </Form.Item>

              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="categoryId" label={t('分类', 'Category')}>
                    <TreeSelect
                      allowClear
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      treeData={categories.tree}
                      loading={categories.isLoading}
                      placeholder={t('选择或输入搜索', 'Choose or type to search')}
                      notFoundContent={t('该类型暂无分类', 'No categories for this kind')}
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="priority" label={t('优先级', 'Priority')}>
                    <Radio.Group optionType="button" options={options(PRIORITIES, locale)} />
                  </Form.Item>
                </Col>
              </Row>

              <Form.Item label={t('地点', 'Where')} required={isRepair} style={{ marginBottom: 0 }}>
                <Space.Compact block>
                  <Form.Item name="where" noStyle>
                    <Select
                      aria-label={t('地点类型', 'Kind of place')}
                      style={{ width: 130 }}
                      options={[
                        { value: 'unit', label: t('房屋', 'Unit') },
                        { value: 'public', label: t('公共区域', 'Public area') },
                      ]}
                      onChange={() => form.setFieldsValue({ unitId: undefined, location: undefined, zoneId: undefined })}
                    />
                  </Form.Item>
                  {where === 'unit' ? (
                    <Form.Item
                      name="unitId"
                      noStyle
                      dependencies={['kind']}
                      rules={[{ validator: (_r, v) => (v || form.getFieldValue('kind') !== 'repair' ? Promise.resolve() : Promise.reject(new Error(t('报修需选择房屋，或改选公共区域', 'A repair needs a unit, or choose a public area')))) }]}
                    >
                      <UnitPicker key={caller?.unitId ?? 'none'} projectId={projectId} initialLabel={caller?.unitLabel} />
                    </Form.Item>
                  ) : (
                    <>
                      <Form.Item
                        name="location"
                        noStyle
                        dependencies={['kind']}
                        rules={[
                          { max: 200 },
                          { validator: (_r, v?: string) => (v?.trim() || form.getFieldValue('kind') !== 'repair' ? Promise.resolve() : Promise.reject(new Error(t('请填写公共区域位置', 'Say where in the public area')))) },
                        ]}
                      >
                        <Input aria-label={t('公共区域位置', 'Public-area location')} placeholder={t('如：3栋电梯厅、东门道闸', 'e.g. lift lobby of building 3, east gate')} style={{ flex: 1 }} />
                      </Form.Item>
                      <Form.Item name="zoneId" noStyle>
                        <Select
                          allowClear
                          aria-label={t('责任区', 'Zone')}
                          placeholder={t('责任区', 'Zone')}
                          style={{ width: 160 }}
                          loading={zones.isLoading}
                          options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.teamName ? `${z.name} · ${z.teamName}` : z.name }))}
                        />
                      </Form.Item>
                    </>
                  )}
                </Space.Compact>
                <div style={{ height: 16 }} />
              </Form.Item>

              <Form.Item
                name="description"
                label={t('问题描述', 'Description')}
                rules={[{ required: true, whitespace: true, message: t('请描述来电内容', 'Describe what the caller says') }, { max: 4000, message: t('最多 4000 个字符', 'At most 4000 characters') }]}
              >
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('如：厨房水龙头漏水，已关闭总阀', 'e.g. the kitchen tap leaks; the main valve is closed')} />
              </Form.Item>

              {kind === 'complaint' && (
                <Form.Item name="major" valuePropName="checked">
                  <Checkbox>
                    <Typography.Text strong type="danger">
                      {t('重大投诉', 'Major complaint')}
                    </Typography.Text>{' '}
                    <Typography.Text type="secondary">{t('（保存后立即升级至接待主管）', '(escalates to the reception supervisor at once)')}</Typography.Text>
                  </Checkbox>
                </Form.Item>
              )}

              {isRepair && (
                <Row gutter={12}>
                  <Col xs={24} md={14}>
                    <Form.Item label={t('预约上门', 'Appointment')} style={{ marginBottom: 0 }}>
                      <Space.Compact block>
                        <Form.Item name="apptDate" noStyle>
                          <DatePicker
                            aria-label={t('预约日期', 'Appointment date')}
                            placeholder={t('日期', 'Date')}
                            style={{ width: '50%' }}
                            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                            onChange={(d) => {
                              if (d && !form.getFieldValue('apptSlot')) form.setFieldValue('apptSlot', APPOINTMENT_SLOTS[0]);
                              if (!d) form.setFieldValue('apptSlot', undefined);
                            }}
                          />
                        </Form.Item>
                        <Form.Item
                          name="apptSlot"
                          noStyle
                          dependencies={['apptDate']}
                          rules={[{ validator: (_r, v) => (!v || form.getFieldValue('apptDate') ? Promise.resolve() : Promise.reject(new Error(t('请选择预约日期', 'Choose the date')))) }]}
                        >
                          <Select
                            allowClear
                            aria-label={t('预约时段', 'Appointment time')}
                            placeholder={t('时段', 'Time')}
                            style={{ width: '50%' }}
                            options={APPOINTMENT_SLOTS.map((v) => ({ value: v, label: v }))}
                          />
                        </Form.Item>
                      </Space.Compact>
                      <div style={{ height: 24 }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name="paid" label={t('费用', 'Charge')} extra={where === 'unit' && unitId ? undefined : t('仅户内报修', 'Repairs inside a unit only')}>
                      <Radio.Group
                        optionType="button"
                        disabled={!(where === 'unit' && unitId)}
                        options={[
                          { value: 'free', label: t('无偿', 'Free') },
                          { value: 'paid', label: t('有偿', 'Paid') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              )}

              {kind === 'consultation' && (
                <Form.Item name="answer" label={t('当场答复（填写后直接办结）', 'Answer now (resolves the consultation at intake)')} rules={[{ max: 4000 }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('已在电话中答复的内容', 'What you told the caller')} />
                </Form.Item>
              )}

              <Form.Item name="channel" label={t('来源', 'Channel')}>
                <Radio.Group optionType="button" size="small" options={options(CHANNELS, locale)} />
              </Form.Item>

              <Space>
                <Button type="primary" size="large" htmlType="submit" icon={<SendOutlined />} loading={create.isPending}>
                  {t('保存受理', 'Save')}
                </Button>
                <Typography.Text type="secondary">Ctrl+Enter</Typography.Text>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <CallerHistory tail={caller ? digitsOf(caller.phone) : tail} />
          </Col>
        </Row>
      </Form>
    </div>
  );
}

/** The residents whose phone ends with the typed digits, one row per unit: ↑↓ to move, Enter or a click to pick. */
function CallerMatches(props: {
  tail: string;
  loading: boolean;
  matches: (Caller & { key: string; relation?: string })[];
  active: number;
  caller: Caller | null;
  onPick(c: Caller): void;
  onUnpick(): void;
  projectName?: (id: string) => string;
}) {
  const { t, locale } = useI18n();
  if (props.caller) {
    const c = props.caller;
    return (
      <Alert
        style={{ marginBottom: 16 }}
        type="success"
        showIcon
        icon={<CheckCircleFilled />}
        message={
          <Space wrap>
            <Typography.Text strong>{c.name}</Typography.Text>
            <Typography.Text>{c.phone}</Typography.Text>
            {c.unitLabel && <Tag color="blue">{c.unitLabel}</Tag>}
            {props.projectName && <Typography.Text type="secondary">{props.projectName(c.projectId)}</Typography.Text>}
          </Space>
        }
        action={
          <Button size="small" type="link" onClick={props.onUnpick}>
            {t('换一个', 'Change')}
          </Button>
        }
      />
    );
  }
  if (!props.tail) return null;
  if (props.matches.length === 0) {
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {props.loading ? t('查找中…', 'Searching…') : t('没有登记此号码的住户：请输入完整号码和姓名', 'No resident has this number: type the whole number and the name')}
      </Typography.Paragraph>
    );
  }
  return (
    <div id="caller-matches" role="listbox" aria-label={t('匹配的住户', 'Matching residents')} style={{ border: '1px solid #f0f0f0', borderRadius: 6, marginTop: -8, marginBottom: 16, maxHeight: 260, overflowY: 'auto' }}>
      {props.matches.map((m, i) => (
        <div
          key={m.key}
          id={`caller-match-${i}`}
          role="option"
          aria-selected={i === props.active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onPick(m)}
          style={{
            padding: '8px 12px',
            cursor: 'pointer',
            background: i === props.active ? '#e6f4ff' : undefined,
            borderBottom: i < props.matches.length - 1 ? '1px solid #f5f5f5' : undefined,
            display: 'flex',
            gap: 12,
            alignItems: 'center',
            flexWrap: 'wrap',
          }}
        >
          <Typography.Text strong style={{ minWidth: 64 }}>
            {m.name}
          </Typography.Text>
          <Typography.Text>{highlightTail(m.phone, props.tail)}</Typography.Text>
          {m.unitLabel ? <Tag color="blue">{m.unitLabel}</Tag> : <Typography.Text type="secondary">{t('无登记房屋', 'No unit on record')}</Typography.Text>}
          {m.relation && <Typography.Text type="secondary">{label(RELATIONS, m.relation, locale)}</Typography.Text>}
          {props.projectName && <Typography.Text type="secondary">{props.projectName(m.projectId)}</Typography.Text>}
        </div>
      ))}
      <div style={{ padding: '4px 12px', fontSize: 12, color: '#999' }}>{t('↑↓ 选择，Enter 确认', '↑↓ to choose, Enter to pick')}</div>
    </div>
  );
}

function highlightTail(phone: string, tail: string) {
  if (!tail || !phone.endsWith(tail)) return phone;
  return (
    <>
      {phone.slice(0, phone.length - tail.length)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{tail}</mark>
    </>
  );
}

/** This caller's recent requests: a repeat call is often about an open ticket. */
function CallerHistory({ tail }: { tail: string }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: ['tickets', 'caller-history', tail],
    queryFn: () => api.get<Page<TicketSummary>>('/api/tickets', { phoneTail: tail.slice(-11), pageSize: 6, sort: '-createdAt' }),
    enabled: tail.length >= 4,
    staleTime: 30_000,
    retry: false,
  });
  const items = history.data?.items ?? [];
  return (
    <Card size="small" title={t('来电人近期工单', "The caller's recent tickets")} style={{ marginBottom: 16 }}>
      {tail.length < 4 ? (
        <Typography.Text type="secondary">{t('输入号码后显示', 'Shown once a number is typed')}</Typography.Text>
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{history.isFetching ? t('查找中…', 'Searching…') : t('没有记录', 'None')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {items.map((x) => (
            <div key={x.id} style={{ borderBottom: '1px dashed #f0f0f0', paddingBottom: 6 }}>
              <Space size={4} wrap>
                <Link to={`/tickets/${x.id}`} target="_blank">
                  {x.number}
                </Link>
                <KindTag kind={x.kind} />
                <StatusTag status={x.status} />
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(x.createdAt).format('MM-DD HH:mm')} · {x.title}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** After saving: the number to read to the caller, large, then "dispatch now" or the next call. */
function SavedPanel({ created, onNew }: { created: Created; onNew(): void }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [dispatching, setDispatching] = useState(false);
  const [workOrder, setWorkOrder] = useState<string | null>(null);
  const canDispatch = DISPATCH_KINDS.includes(created.kind) && created.status === 'new' && can('tickets.dispatch') && !workOrder;
  const ref: TicketRef = { id: created.id, number: created.number, kind: created.kind, projectId: created.projectId, zoneId: created.zoneId };
  const dueRows = (['response', 'arrival', 'resolution'] as const).filter((k) => created.dueAt[k]);

  return (
    <div>
      <Card>
        <Result
          status="success"
          title={t('已受理，请告知来电人工单号', 'Saved: read the number to the caller')}
          subTitle={
            <Space orientation="vertical" size={12} style={{ marginTop: 8 }}>
              <Typography.Text
                copyable={{ text: created.number, onCopy: () => message.success(t('已复制', 'Copied')) }}
                data-testid="ticket-number"
                style={{ fontSize: 44, fontWeight: 700, letterSpacing: 2, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', color: '#1f1f1f' }}
              >
                {created.number}
              </Typography.Text>
              <Space>
                <KindTag kind={created.kind} big />
                <StatusTag status={created.status} big />
                {workOrder && <Tag color="cyan">{t(`派工单 ${workOrder}`, `Work order ${workOrder}`)}</Tag>}
              </Space>
              {dueRows.length > 0 && (
                <Descriptions size="small" column={dueRows.length} style={{ maxWidth: 560, margin: '0 auto' }}>
                  {dueRows.map((k) => (
                    <Descriptions.Item key={k} label={t(`${label(TARGETS, k, locale)}时限`, `${label(TARGETS, k, locale)} due`)}>
                      {dayjs(created.dueAt[k]!).format('MM-DD HH:mm')}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
            </Space>
          }
          extra={
            <Space wrap>
              {canDispatch && (
                <Button type="primary" size="large" icon={<ToolOutlined />} onClick={() => setDispatching(true)}>
                  {t('立即派工', 'Dispatch now')}
                </Button>
              )}
              <Button size="large" onClick={() => navigate(`/tickets/${created.id}`)}>
                {t('查看工单', 'Open the ticket')}
              </Button>
              <Button size="large" type={canDispatch ? 'default' : 'primary'} icon={<PlusOutlined />} onClick={onNew} autoFocus>
                {t('新的受理', 'New intake')}
              </Button>
            </Space>
          }
        />
      </Card>
      <DispatchDialog open={dispatching} ticket={ref} onClose={() => setDispatching(false)} onDone={setWorkOrder} />
    </div>
  );
}
