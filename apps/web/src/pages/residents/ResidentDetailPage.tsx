import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { IdNumber, Phone, type Resident } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label, options, RELATIONS } from '../../i18n/terms';
import { ErrorAlert, PageHeader, useProjects } from '../../components/common';
import { formatInstant, retryUnlessClientError, showSaveError, UnitPicker, unitTitle, zodRule } from '../units/shared';

type Link_ = Resident['units'][number];

/** One resident: who they are, and the units they own, rent or live in (now and before). */
export default function ResidentDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const location = useLocation();
  const projects = useProjects();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState(false);
  const [ending, setEnding] = useState<Link_ | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  useEffect(() => setRevealed(null), [id]);
  const resident = useQuery({ queryKey: ['residents', 'detail', id], queryFn: () => api.get<Resident>(`/api/residents/${id}`), retry: retryUnlessClientError });

  const reveal = useMutation({
    mutationFn: () => api.post<{ idNumber: string | null }>(`/api/residents/${id}/reveal-id`),
    onSuccess: (r) => {
      setRevealed(r.idNumber ?? '');
      message.info(t('已显示完整证件号，此次查看已记入操作日志', 'Full ID number shown; this view has been logged'));
    },
    onError: (e) => showSaveError(e, null, t, locale),
  });

  const back = (location.state as { back?: string } | null)?.back ?? '';
  const r = resident.data;
  const crumbs = (
    <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`/residents${back}`}>{t('住户', 'Residents')}</Link> }, { title: r?.name ?? '…' }]} />
  );
  if (resident.error)
    return (
      <div>
        {crumbs}
        <ErrorAlert error={resident.error} />
      </div>
    );
  if (!r) return <Skeleton active />;

  const manage = can('residents.manage');
  const projectName = projects.data?.items.find((p) => p.id === r.projectId)?.name ?? '';
  const links = [...r.units].sort((a, b) => (a.endDate ? 1 : 0) - (b.endDate ? 1 : 0) || (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  const canReveal = can('residents.reveal_id') && r.idNumberMasked && !!r.idNumber;

  const columns: TableColumnsType<Link_> = [
    {
      title: t('房屋', 'Unit'),
      key: 'unit',
      render: (_: unknown, l) => (
        <Link to={`/units/${l.unitId}`} style={{ fontWeight: 500 }}>
          {unitTitle(l)}
        </Link>
      ),
    },
    { title: t('关系', 'Relation'), dataIndex: 'relation', render: (v: string) => label(RELATIONS, v, locale) },
    { title: t('起始日期', 'From'), dataIndex: 'startDate', render: (v: string | null) => v ?? '—' },
    { title: t('结束日期', 'Until'), dataIndex: 'endDate', render: (v: string | null) => v ?? '—' },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_: unknown, l) => (l.endDate ? <Tag>{t('已结束', 'Ended')}</Tag> : <Tag color="green">{t('当前', 'Current')}</Tag>),
    },
    ...(manage
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, l: Link_) =>
              !l.endDate && (
                <Button size="small" onClick={() => setEnding(l)}>
                  {t('结束关系', 'End link')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const idCell = !r.idNumber ? (
    '—'
  ) : (
    <Space wrap>
      <Typography.Text code copyable={revealed ? { text: revealed } : false}>
        {revealed ?? r.idNumber}
      </Typography.Text>
      {revealed !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('本次查看已记入操作日志', 'This view was logged')}
        </Typography.Text>
      )}
      {canReveal && revealed === null && (
        <>
          <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
            {t('显示完整证件号', 'Reveal')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('查看会记入操作日志', 'Each reveal is logged')}
          </Typography.Text>
        </>
      )}
    </Space>
  );

  return (
    <div>
      {crumbs}
      <PageHeader
        title={r.name}
        sub={[r.phone, projectName].filter(Boolean).join(' · ')}
        extra={
          manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('编辑', 'Edit')}
            </Button>
          )
        }
      />
      <Card title={t('住户信息', 'Resident facts')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: t('姓名', 'Name'), children: r.name },
            { key: 'phone', label: t('手机', 'Phone'), children: <a href={`tel:${r.phone}`}>{r.phone}</a> },
            { key: 'id', label: t('证件号', 'ID number'), children: idCell },
            { key: 'project', label: t('项目', 'Project'), children: projectName || '—' },
            { key: 'note', label: t('备注', 'Note'), children: r.note || '—' },
            { key: 'updated', label: t('更新时间', 'Updated'), children: formatInstant(r.updatedAt) },
          ]}
        />
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={t('房屋', 'Units')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setLinking(true)}>
              {t('关联房屋', 'Link a unit')}
            </Button>
          )
        }
      >
        <Table<Link_>
          rowKey="linkId"
          size="middle"
          columns={columns}
          dataSource={links}
          pagination={false}
          onRow={(l) => ({ style: l.endDate ? { color: 'rgba(0,0,0,0.45)' } : undefined })}
          locale={{ emptyText: t('尚未关联房屋', 'No units linked yet') }}
          scroll={{ x: 600 }}
        />
      </Card>
      {editing && <EditResidentModal resident={r} onClose={() => setEditing(false)} />}
      {linking && <LinkUnitModal resident={r} onClose={() => setLinking(false)} />}
      {ending && (
        <EndLinkModal
          residentId={r.id}
          link={ending}
          onClose={() => setEnding(null)}
          onDone={() => {
            void qc.invalidateQueries({ queryKey: ['residents'] });
            void qc.invalidateQueries({ queryKey: ['units'] });
          }}
        />
      )}
    </div>
  );
}

function useAfterResidentChange() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['residents'] });
    void qc.invalidateQueries({ queryKey: ['units'] });
  };
}

interface EditForm {
  name: string;
  phone: string;
  idNumber?: string;
  note?: string;
}

function EditResidentModal({ resident, onClose }: { resident: Resident; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditForm>();
  const after = useAfterResidentChange();
  // A masked ID is not sent back: the field starts empty and only a new number replaces it.
  const masked = resident.idNumberMasked;
  const save = useMutation({
    mutationFn: (v: EditForm) =>
      api.patch<Resident>(`/api/residents/${resident.id}`, {
        name: v.name.trim(),
        phone: v.phone.trim(),
        note: v.note?.trim() ? v.note.trim() : null,
        ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : masked ? {} : { idNumber: null }),
      }),
    onSuccess: () => {
      message.success(t('已保存', 'Saved'));
      after();
      onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open title={t('编辑住户', 'Edit resident')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form<EditForm>
        name="editResident"
        form={form}
        layout="vertical"
        initialValues={{ name: resident.name, phone: resident.phone, idNumber: masked ? '' : (resident.idNumber ?? ''), note: resident.note ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('姓名', 'Name')}
          rules={[
            { required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') },
            { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('手机', 'Phone')}
          rules={[
            { required: true, message: t('请输入手机号', 'Enter the phone number') },
            zodRule(Phone, t('请输入 11 位手机号或带区号的座机号', 'Enter an 11-digit mobile or a landline with area code')),
          ]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('证件号', 'ID number')}
          extra={masked && resident.idNumber ? t(`当前：${resident.idNumber}；留空则不修改`, `Now: ${resident.idNumber}; leave empty to keep it`) : undefined}
          rules={[zodRule(IdNumber, t('证件号为 5–30 位字母、数字或 -', 'An ID number is 5–30 letters, digits or -'))]}
        >
          <Input autoComplete="off" placeholder={masked ? t('输入新的证件号', 'Type a new ID number') : undefined} />
        </Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')} rules={[{ max: 500, message: t('最多 500 个字符', 'At most 500 characters') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LinkForm {
  unitId: string;
  relation: string;
  startDate?: Dayjs | null;
}

function LinkUnitModal({ resident, onClose }: { resident: Resident; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const after = useAfterResidentChange();
  const save = useMutation({
    mutationFn: (v: LinkForm) =>
      api.post(`/api/residents/${resident.id}/units`, {
        unitId: v.unitId,
        relation: v.relation,
        ...(v.startDate ? { startDate: v.startDate.format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: () => {
      message.success(t('已关联房屋', 'Unit linked'));
      after();
      onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open title={t(`为 ${resident.name} 关联房屋`, `Link a unit to ${resident.name}`)} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form<LinkForm> name="linkUnit" form={form} layout="vertical" initialValues={{ relation: 'owner', startDate: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true, message: t('请选择房屋', 'Choose a unit') }]}>
          <UnitPicker projectId={resident.projectId} />
        </Form.Item>
        <Form.Item name="relation" label={t('关系', 'Relation')} rules={[{ required: true }]}>
          <Select options={options(RELATIONS, locale)} />
        </Form.Item>
        <Form.Item name="startDate" label={t('起始日期', 'From')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndLinkModal(props: { residentId: string; link: Link_; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const { link } = props;
  const save = useMutation({
    mutationFn: (v: { endDate: Dayjs }) => api.post(`/api/residents/${props.residentId}/units/${link.linkId}/end`, { endDate: v.endDate.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success(t('已结束关系', 'Link ended'));
      props.onDone();
      props.onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal
      open
      title={t(`结束与 ${unitTitle(link)} 的关系`, `End the link to ${unitTitle(link)}`)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('确认结束', 'End it')}
      okButtonProps={{ danger: true }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(
          `${label(RELATIONS, link.relation, 'zh-CN')}关系将保留为历史记录（迁出、出售、退租时使用）。`,
          `The ${label(RELATIONS, link.relation, 'en').toLowerCase()} link stays in the history (use this on move-out, sale or end of lease).`,
        )}
      </Typography.Paragraph>
      <Form name="endLink" form={form} layout="vertical" initialValues={{ endDate: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="endDate"
          label={t('结束日期', 'End date')}
          rules={[
            { required: true, message: t('请选择结束日期', 'Choose the end date') },
            {
              validator: async (_, v: Dayjs | undefined) => {
                if (v && link.startDate && v.format('YYYY-MM-DD') < link.startDate)
                  throw new Error(t(`不能早于起始日期 ${link.startDate}`, `Cannot be before the start date ${link.startDate}`));
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
