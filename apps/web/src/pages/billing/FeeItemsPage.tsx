import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateFeeItemBody, FeeItem, FeePricing, Page, UpdateFeeItemBody } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { options, UNIT_KINDS, label } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError, useDefaultProject } from '../units/shared';
import { LABELS, labelOf, milli, optionsOf, parseMilli, parseRate, parseYuan, rateYuan, yuan } from './shared';

/** How an item's price reads: "2.35 元/m²/月", "15.00 元/户/月", tiers "0–100 m³ 3.00 …". */
export function PricingText({ item }: { item: Pick<FeeItem, 'pricing' | 'meterKind'> }) {
  const { t } = useI18n();
  const p = item.pricing;
  const unit = item.meterKind === 'electricity' ? 'kWh' : 'm³';
  if (p.kind === 'area') return <span>{t(`${rateYuan(p.rateCentiFen)} 元/m²/月`, `${rateYuan(p.rateCentiFen)} yuan/m²/month`)}</span>;
  if (p.kind === 'fixed') return <span>{t(`${yuan(p.amountFen)} 元/户/月`, `${yuan(p.amountFen)} yuan/unit/month`)}</span>;
  if (p.kind === 'one_off') return <span>{p.amountFen === null ? t('按次填写', 'Set per charge') : t(`${yuan(p.amountFen)} 元/次`, `${yuan(p.amountFen)} yuan each`)}</span>;
  let from = 0;
  return (
    <Space size={4} wrap>
      {p.tiers.map((tier, i) => {
        const text = tier.upToMilli === null ? `${milli(from)}+ ${unit}` : `${milli(from)}–${milli(tier.upToMilli)} ${unit}`;
        from = tier.upToMilli ?? from;
        return (
          <Tag key={i}>
            {text}: {rateYuan(tier.priceCentiFen)}
          </Tag>
        );
      })}
    </Space>
  );
}

/** 收费项目: the fee items of a project and their terms (tiers included). */
export default function FeeItemsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: 'sort' });
  const [editing, setEditing] = useState<FeeItem | 'new' | null>(null);
  const projects = useProjects();
  const projectName = (id: string) => projects.data?.items.find((p) => p.id === id)?.name ?? '';
  const list = useQuery({ queryKey: ['fee-items', query], queryFn: () => api.get<Page<FeeItem>>('/api/fee-items', query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<FeeItem> = [
    { title: t('名称', 'Name'), dataIndex: 'name', render: (v: string, r) => (can('billing.configure') ? <a onClick={() => setEditing(r)}>{v}</a> : v) },
    ...(query.projectId ? [] : [{ title: t('项目', 'Project'), dataIndex: 'projectId', render: (v: string) => projectName(v) }]),
    { title: t('计费方式', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LABELS.feeKind, v, locale) },
    { title: t('单价', 'Price'), key: 'pricing', render: (_: unknown, r) => <PricingText item={r} /> },
    { title: t('适用房屋', 'Applies to'), dataIndex: 'unitKinds', render: (v: string[]) => v.map((k) => label(UNIT_KINDS, k, locale)).join('、') },
    { title: t('周期', 'Cycle'), key: 'cycle', render: (_: unknown, r) => (r.kind === 'one_off' ? '—' : `${labelOf(LABELS.cycle, r.cycle, locale)} · ${labelOf(LABELS.billingMode, r.billingMode, locale)}`) },
    { title: t('缴费日', 'Due day'), dataIndex: 'dueDay', width: 80, align: 'right' },
    { title: t('舍入', 'Rounding'), dataIndex: 'rounding', render: (v: string) => labelOf(LABELS.rounding, v, locale) },
    { title: t('滞纳金', 'Late fee'), key: 'late', render: (_: unknown, r) => (r.lateFee ? t(`每日 ${r.lateFee.dailyRateBp}‱，宽限 ${r.lateFee.graceDays} 天`, `${r.lateFee.dailyRateBp}‱/day after ${r.lateFee.graceDays} days`) : '—') },
    { title: t('状态', 'State'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('停用', 'Inactive')}</Tag>) },
  ];
  return (
    <div>
      <PageHeader
        title={t('收费项目', 'Fee items')}
        extra={
          can('billing.configure') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('新建收费项目', 'New fee item')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
          <Select allowClear aria-label={t('按计费方式筛选', 'Filter by kind')} placeholder={t('全部方式', 'All kinds')} style={{ minWidth: 120 }} value={query.kind} options={optionsOf(LABELS.feeKind, locale)} onChange={(v) => setFilters({ kind: v })} />
          <Input.Search allowClear placeholder={t('项目名称', 'Item name')} aria-label={t('搜索收费项目', 'Search fee items')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 200 }} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<FeeItem> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.isFetching} pagination={pagination(list.data?.total)} onChange={onTableChange as never} scroll={{ x: 900 }} />
      </Card>
      {editing && <FeeItemModal item={editing === 'new' ? null : editing} projectId={query.projectId} onClose={() => setEditing(null)} />}
    </div>
  );
}

interface TierRow {
  upTo?: string;
  price?: string;
}
interface FeeForm {
  projectId: string;
  name: string;
  kind: FeePricing['kind'];
  unitKinds: string[];
  cycle: string;
  billingMode: string;
  dueDay: number;
  rounding: string;
  rate?: string;
  amount?: string;
  tierBasis?: string;
  tiers?: TierRow[];
  meterKind?: string;
  lateFeeBp?: number | null;
  lateFeeGrace?: number | null;
  discountBp?: number | null;
  discountMonths?: number | null;
  active?: boolean;
}

function toForm(item: FeeItem): FeeForm {
  const p = item.pricing;
  return {
    projectId: item.projectId, name: item.name, kind: p.kind, unitKinds: item.unitKinds, cycle: item.cycle, billingMode: item.billingMode, dueDay: item.dueDay, rounding: item.rounding,
    rate: p.kind === 'area' ? rateYuan(p.rateCentiFen) : undefined,
    amount: p.kind === 'fixed' ? yuan(p.amountFen) : p.kind === 'one_off' && p.amountFen !== null ? yuan(p.amountFen) : undefined,
    tierBasis: p.kind === 'metered' ? p.tierBasis : 'calendar_year',
    tiers: p.kind === 'metered' ? p.tiers.map((x) => ({ upTo: x.upToMilli === null ? undefined : milli(x.upToMilli), price: rateYuan(x.priceCentiFen) })) : [{}],
    meterKind: item.meterKind ?? undefined, lateFeeBp: item.lateFee?.dailyRateBp ?? null, lateFeeGrace: item.lateFee?.graceDays ?? null,
    discountBp: item.prepayDiscount?.discountBp ?? null, discountMonths: item.prepayDiscount?.minMonthsAhead ?? null, active: item.active,
  };
}

function pricingOf(v: FeeForm): FeePricing {
  if (v.kind === 'area') return { kind: 'area', rateCentiFen: parseRate(v.rate) ?? 0 };
  if (v.kind === 'fixed') return { kind: 'fixed', amountFen: parseYuan(v.amount) ?? 0 };
  if (v.kind === 'one_off') return { kind: 'one_off', amountFen: v.amount ? parseYuan(v.amount) : null };
  const tiers = (v.tiers ?? []).map((x, i, all) => ({ upToMilli: i === all.length - 1 ? null : parseMilli(x.upTo), priceCentiFen: parseRate(x.price) ?? 0 }));
  return { kind: 'metered', tierBasis: (v.tierBasis ?? 'calendar_year') as 'calendar_year', tiers: tiers as never };
}

function FeeItemModal({ item, projectId, onClose }: { item: FeeItem | null; projectId?: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FeeForm>();
  const initialProject = useDefaultProject(projectId);
  const kind = Form.useWatch('kind', form) ?? item?.kind ?? 'area';
  const save = useMutation({
    mutationFn: (v: FeeForm) => {
      const terms = {
        name: v.name.trim(), unitKinds: v.unitKinds as CreateFeeItemBody['unitKinds'], cycle: (v.kind === 'metered' ? 'monthly' : v.cycle) as CreateFeeItemBody['cycle'],
        billingMode: v.billingMode as CreateFeeItemBody['billingMode'], dueDay: v.dueDay, rounding: v.rounding as CreateFeeItemBody['rounding'], pricing: pricingOf(v),
        meterKind: v.kind === 'metered' ? (v.meterKind as CreateFeeItemBody['meterKind']) : null,
        lateFee: v.lateFeeBp ? { dailyRateBp: v.lateFeeBp, graceDays: v.lateFeeGrace ?? 0 } : null,
        prepayDiscount: v.discountBp ? { discountBp: v.discountBp, minMonthsAhead: v.discountMonths ?? 12 } : null,
      };
      if (item) {
        const body: UpdateFeeItemBody = { ...terms, active: v.active, version: item.version };
        return api.patch<FeeItem>(`/api/fee-items/${item.id}`, body);
      }
      return api.post<FeeItem>('/api/fee-items', { projectId: v.projectId, ...terms } satisfies CreateFeeItemBody);
    },
    onSuccess: (r) => {
      message.success(t(`已保存收费项目“${r.name}”`, `Fee item "${r.name}" saved`));
      void qc.invalidateQueries({ queryKey: ['fee-items'] });
      onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  const money = (v: string | undefined, parse: (s: string) => number | null) => (v === undefined || v === '' || parse(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('格式不正确', 'Not a valid number'))));
  return (
    <Modal open title={item ? t('编辑收费项目', 'Edit fee item') : t('新建收费项目', 'New fee item')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} confirmLoading={save.isPending} width={720} destroyOnHidden>
      <Form<FeeForm>
        form={form}
        name="feeItem"
        layout="vertical"
        initialValues={item ? toForm(item) : { projectId: initialProject, kind: 'area', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', tierBasis: 'calendar_year', tiers: [{ upTo: '100', price: '3.00' }, { price: '4.50' }] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
              <ProjectSelect style={{ width: '100%' }} placeholder={t('选择项目', 'Choose a project')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 60, message: t('请填写名称（60 字以内）', 'Give a name (at most 60 characters)') }]}>
              <Input placeholder={t('如 物业管理费', 'e.g. property fee')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('计费方式', 'Kind')} rules={[{ required: true }]}>
              <Select disabled={!!item} options={optionsOf(LABELS.feeKind, locale)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitKinds" label={t('适用房屋类型', 'Unit kinds it applies to')} rules={[{ required: true, message: t('至少选一种', 'Choose at least one') }]}>
              <Select mode="multiple" options={options(UNIT_KINDS, locale)} />
            </Form.Item>
          </Col>
          {kind === 'area' && (
            <Col span={12}>
              <Form.Item name="rate" label={t('单价（元/m²/月）', 'Rate (yuan per m² per month)')} rules={[{ required: true, message: t('请填写单价', 'Give the rate') }, { validator: (_, v) => money(v, parseRate) }]}>
                <Input inputMode="decimal" placeholder="2.35" />
              </Form.Item>
            </Col>
          )}
          {(kind === 'fixed' || kind === 'one_off') && (
            <Col span={12}>
              <Form.Item name="amount" label={kind === 'fixed' ? t('金额（元/户/月）', 'Amount (yuan per unit per month)') : t('默认金额（元，可空）', 'Default amount (yuan, optional)')} rules={[{ required: kind === 'fixed', message: t('请填写金额', 'Give the amount') }, { validator: (_, v) => money(v, parseYuan) }]}>
                <Input inputMode="decimal" placeholder="15.00" />
              </Form.Item>
            </Col>
          )}
          {kind === 'metered' && (
            <>
              <Col span={12}>
                <Form.Item name="meterKind" label={t('表类型', 'Meter kind')} rules={[{ required: true, message: t('请选择表类型', 'Choose the meter kind') }]}>
                  <Select options={optionsOf(LABELS.meterKind, locale)} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="tierBasis" label={t('阶梯累计方式', 'Tiers count')}>
                  <Select options={optionsOf(LABELS.tierBasis, locale)} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Typography.Text strong>{t('阶梯价（最后一档不设上限）', 'Tiers (the last one has no upper bound)')}</Typography.Text>
                <Form.List name="tiers">
                  {(fields, { add, remove }) => (
                    <div style={{ marginTop: 8 }}>
                      {fields.map((f, i) => (
                        <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                          <span style={{ width: 48 }}>{t(`第${i + 1}档`, `Tier ${i + 1}`)}</span>
                          <Form.Item name={[f.name, 'upTo']} rules={[{ required: i < fields.length - 1, message: t('请填写上限', 'Give the bound') }, { validator: (_, v) => money(v, parseMilli) }]}>
                            <Input aria-label={t(`第${i + 1}档上限`, `Tier ${i + 1} up to`)} disabled={i === fields.length - 1} placeholder={i === fields.length - 1 ? t('以上', 'and above') : t('累计上限', 'up to')} style={{ width: 140 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'price']} rules={[{ required: true, message: t('请填写单价', 'Give the price') }, { validator: (_, v) => money(v, parseRate) }]}>
                            <Input aria-label={t(`第${i + 1}档单价`, `Tier ${i + 1} price`)} placeholder={t('单价（元）', 'price (yuan)')} style={{ width: 140 }} />
                          </Form.Item>
                          {fields.length > 1 && <MinusCircleOutlined aria-label={t('删除此档', 'Remove this tier')} onClick={() => remove(f.name)} />}
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({}, Math.max(0, fields.length - 1))}>
                        {t('增加一档', 'Add a tier')}
                      </Button>
                    </div>
                  )}
                </Form.List>
              </Col>
            </>
          )}
          {kind !== 'one_off' && (
            <>
              <Col span={8}>
                <Form.Item name="cycle" label={t('周期', 'Cycle')}>
                  <Select disabled={kind === 'metered'} options={optionsOf(LABELS.cycle, locale)} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="billingMode" label={t('预收/后收', 'In advance / arrears')}>
                  <Select options={optionsOf(LABELS.billingMode, locale)} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item name="dueDay" label={t('缴费日（每月几号）', 'Due day of the month')} rules={[{ required: true }]}>
              <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rounding" label={t('舍入（四舍五入）', 'Rounding (half up)')}>
              <Select options={optionsOf(LABELS.rounding, locale)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lateFeeBp" label={t('滞纳金（每日 ‱，空为不收）', 'Late fee (‱ per day, empty: none)')}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lateFeeGrace" label={t('宽限天数', 'Grace days')}>
              <InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="discountBp" label={t('预缴优惠（‱，500 = 5%）', 'Prepay discount (‱, 500 = 5%)')}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="discountMonths" label={t('至少预缴月数', 'Months paid ahead at least')}>
              <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {item && (
            <Col span={8}>
              <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
