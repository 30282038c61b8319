/** The item-release application form (大件物品放行): a tenant's needs the owner's confirmation and how it was obtained. */
import { useNavigate } from 'react-router';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Alert } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ItemRelease } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ProjectSelect, toastError } from '../../components/common';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { CONFIRMATION_METHOD, RELATIONS_OPTIONS, labelOf } from './shared';

export function NewItemRelease({ open, onClose, preset }: { open: boolean; onClose(): void; preset?: { projectId: string; unitId: string; unitLabel: string; moveOutId?: string } }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const defaultProject = useDefaultProject(undefined);
  const projectId = Form.useWatch('projectId', form) ?? preset?.projectId ?? defaultProject;
  const relation = Form.useWatch('applicantRelation', form);
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { plannedDate: dayjs.Dayjs; ownerName?: string; ownerMethod?: string; ownerNote?: string }) => api.post<ItemRelease>('/api/item-releases', {
      unitId: v.unitId, applicantName: v.applicantName, applicantPhone: v.applicantPhone, applicantRelation: v.applicantRelation, items: v.items,
      plannedDate: v.plannedDate.format('YYYY-MM-DD'), plate: v.plate || undefined, moveOutId: preset?.moveOutId,
      ownerConfirmation: v.ownerName && v.ownerMethod ? { ownerName: v.ownerName, method: v.ownerMethod, note: v.ownerNote || undefined } : undefined,
    }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['item-releases'] });
      onClose();
      navigate(`/item-releases/${r.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  return (
    <Modal open={open} title={t('大件物品放行申请', 'Item release application')} onCancel={onClose} onOk={() => form.submit()} okText={t('提交申请', 'Submit')} confirmLoading={create.isPending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" name="item_release" preserve={false} onFinish={(v) => create.mutate(v)}
        initialValues={{ projectId: preset?.projectId ?? defaultProject, unitId: preset?.unitId, applicantRelation: 'owner', items: [{ quantity: 1 }], plannedDate: dayjs(), ownerMethod: 'phone' }}>
        <Space wrap>
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
          <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true }]}><UnitPicker projectId={projectId} initialLabel={preset?.unitLabel} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="applicantName" label={t('申请人', 'Applicant')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="applicantPhone" label={t('申请人电话', 'Applicant phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('请填写 11 位手机号', 'An 11-digit mobile number') }]}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="applicantRelation" label={t('申请人身份', 'Applicant is')} rules={[{ required: true }]}><Select style={{ width: 110 }} options={RELATIONS_OPTIONS(locale)} /></Form.Item>
        </Space>
        {relation === 'tenant' && <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('租户搬出物品须经业主确认，请登记确认人及确认方式', 'A tenant\'s release needs the owner\'s confirmation: record who confirmed and how')} />
          <Space wrap>
            <Form.Item name="ownerName" label={t('确认业主', 'Owner who confirmed')}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="ownerMethod" label={t('确认方式', 'How')}><Select style={{ width: 130 }} options={Object.keys(CONFIRMATION_METHOD).map((k) => ({ value: k, label: labelOf(CONFIRMATION_METHOD, k, locale) }))} /></Form.Item>
            <Form.Item name="ownerNote" label={t('确认说明', 'Confirmation note')}><Input style={{ width: 260 }} /></Form.Item>
          </Space>
        </>}
        <Form.List name="items">
          {(fields, { add, remove }) => (<>
            {fields.map((f, i) => (
              <Space key={f.key} align="start">
                <Form.Item name={[f.name, 'name']} label={t(`物品 ${i + 1}`, `Item ${i + 1}`)} rules={[{ required: true }]}><Input style={{ width: 200 }} /></Form.Item>
                <Form.Item name={[f.name, 'quantity']} label={t(`数量 ${i + 1}`, `Quantity ${i + 1}`)} rules={[{ required: true }]}><InputNumber min={1} max={999} /></Form.Item>
                {fields.length > 1 && <Button type="text" aria-label={t('删除物品', 'Remove item')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 16 }}>{t('添加物品', 'Add an item')}</Button>
          </>)}
        </Form.List>
        <Space wrap>
          <Form.Item name="plannedDate" label={t('计划搬出日期', 'Planned date')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="plate" label={t('车牌号', 'Plate')}><Input style={{ width: 140 }} placeholder="粤B12345" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
