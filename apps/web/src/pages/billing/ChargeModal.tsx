import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillDetail, FeeItem, OneOffChargeBody, Page } from '@propdesk/contracts';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ProjectSelect } from '../../components/common';
import { showSaveError, UnitPicker, useDefaultProject } from '../units/shared';
import { parseYuan, yuan } from './shared';

interface ChargeForm {
  source: 'one_off' | 'work_order';
  projectId?: string;
  unitId?: string;
  feeItemId?: string;
  description?: string;
  amount?: string;
  workOrderId?: string;
}

/** 临时收费: a one-off charge (or a finished work order's charge) onto the unit's bill of this month. */
export function ChargeModal({ projectId, onClose }: { projectId?: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChargeForm>();
  const initialProject = useDefaultProject(projectId);
  const project = Form.useWatch('projectId', form) ?? initialProject;
  const source = Form.useWatch('source', form) ?? 'one_off';
  const items = useQuery({
    queryKey: ['fee-items', 'one-off', project],
    queryFn: () => api.get<Page<FeeItem>>('/api/fee-items', { projectId: project, kind: 'one_off', active: true, pageSize: 200 }),
    enabled: !!project,
  });
  const charge = useMutation({
    mutationFn: (v: ChargeForm) => {
      const body: OneOffChargeBody =
        v.source === 'work_order'
          ? { workOrderId: v.workOrderId!.trim() }
          : {
              unitId: v.unitId,
              ...(v.feeItemId ? { feeItemId: v.feeItemId } : {}),
              ...(v.description?.trim() ? { description: v.description.trim() } : {}),
              ...(v.amount ? { amountFen: parseYuan(v.amount)! } : {}),
            };
      return api.post<BillDetail>('/api/bills/charges', body);
    },
    onSuccess: (b) => {
      message.success(t(`已计入 ${b.buildingName ?? ''} ${b.unitNumber} ${b.period} 的账单，应收 ${yuan(b.totalFen)} 元`, `Added to the ${b.period} bill of ${b.buildingName ?? ''} ${b.unitNumber}: ${yuan(b.totalFen)} yuan`));
      void qc.invalidateQueries({ queryKey: ['bills'] });
      onClose();
      navigate(`/billing/bills/${b.id}`);
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open title={t('临时收费', 'One-off charge')} onCancel={onClose} onOk={() => form.submit()} okText={t('计入账单', 'Add to the bill')} confirmLoading={charge.isPending} destroyOnHidden>
      <Form<ChargeForm> form={form} name="charge" layout="vertical" initialValues={{ source: 'one_off', projectId: initialProject }} onFinish={(v) => charge.mutate(v)}>
        <Form.Item name="source" label={t('来源', 'Source')}>
          <Radio.Group options={[{ value: 'one_off', label: t('一次性收费', 'One-off fee') }, { value: 'work_order', label: t('派工单维修费', "A work order's charge") }]} />
        </Form.Item>
        {source === 'work_order' ? (
          <Form.Item name="workOrderId" label={t('派工单 ID', 'Work order id')} rules={[{ required: true, message: t('请填写派工单 ID', 'Give the work order id') }]} extra={t('已完工且填写了维修费的派工单；每张只能入账一次', 'A finished work order with a charge; billed once')}>
            <Input />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
              <ProjectSelect style={{ width: '100%' }} placeholder={t('选择项目', 'Choose a project')} onChange={() => form.setFieldsValue({ unitId: undefined, feeItemId: undefined })} />
            </Form.Item>
            <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true, message: t('请选择房屋', 'Choose the unit') }]}>
              <UnitPicker projectId={project} />
            </Form.Item>
            <Form.Item name="feeItemId" label={t('收费项目（可空）', 'Fee item (optional)')}>
              <Select allowClear options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.pricing.kind === 'one_off' && i.pricing.amountFen !== null ? `${i.name}（${yuan(i.pricing.amountFen)}）` : i.name }))} />
            </Form.Item>
            <Form.Item name="description" label={t('收费内容（不选项目时必填）', 'What it is for (required without a fee item)')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('金额（元；项目有默认金额时可空）', 'Amount (yuan; optional when the item has a default)')}
              rules={[{ validator: (_, v) => (!v || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('金额不正确', 'Not a valid amount')))) }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
