/**
 * 完工: a full-screen form the technician fills in on site — what was done, the materials used
 * (name, quantity, unit price in 元), labour minutes and, for a paid repair, the charge in 元.
 * Money goes on the wire as whole fen (Math.round(元 × 100)), never as a float.
 */
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Grid, Input, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { WorkOrder } from '@propdesk/contracts';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../tickets/bits';
import { materialsTotalFen, orderPlace, useOrderAction, yuanToFen } from './shared';

interface MaterialRow {
  name?: string;
  quantity?: number;
  /** 元 */
  unitPrice?: number;
}
interface FinishForm {
  workDone: string;
  materials: MaterialRow[];
  labourMinutes?: number;
  /** 元 */
  charge?: number;
}

export function FinishDrawer({ open, order, onClose, onDone }: { open: boolean; order: WorkOrder; onClose(): void; onDone(o: WorkOrder): void }) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FinishForm>();
  const action = useOrderAction();
  const [busy, setBusy] = useState(false);
  const materials = (Form.useWatch('materials', form) ?? []) as MaterialRow[];
  const totalFen = materialsTotalFen(materials.map((m) => ({ quantity: m?.quantity ?? 0, unitPriceFen: yuanToFen(m?.unitPrice) })));

  const submit = async (v: FinishForm) => {
    const body = {
      workDone: v.workDone.trim(),
      materials: (v.materials ?? []).map((m) => ({ name: m.name!.trim(), quantity: m.quantity!, unitPriceFen: yuanToFen(m.unitPrice) })),
      labourMinutes: v.labourMinutes!,
      ...(order.paid ? { chargeFen: yuanToFen(v.charge) } : {}),
    };
    setBusy(true);
    // The server's field paths name fen; this form asks for 元.
    const fenForm = {
      setFields: (fields: { name: (string | number)[]; errors: string[] }[]) =>
        form.setFields(fields.map((f) => ({ ...f, name: f.name.map((p) => (p === 'unitPriceFen' ? 'unitPrice' : p === 'chargeFen' ? 'charge' : p)) })) as never),
    } as unknown as Parameters<typeof action.run>[4];
    const r = await action.run(order, 'finish', body, t(`${order.number} 已完工`, `${order.number} finished`), fenForm);
    setBusy(false);
    if (r) {
      form.resetFields();
      onDone(r);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="right"
      size={screens.md ? 560 : '100%'}
      title={t(`完工 ${order.number}`, `Finish ${order.number}`)}
      destroyOnHidden
      styles={{ body: { paddingBottom: 96 } }}
      footer={
        <Button type="primary" block size="large" style={{ height: 48, fontSize: 16 }} loading={busy} onClick={() => form.submit()}>
          {t('确认完工', 'Confirm: work finished')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {orderPlace(order, t)} · {order.requesterName ?? ''}
      </Typography.Paragraph>
      <Form<FinishForm>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ materials: [] }}
        onFinish={submit}
        onFinishFailed={() => undefined}
        requiredMark
      >
        <Form.Item name="workDone" label={t('维修内容', 'Work done')} rules={[{ required: true, whitespace: true, message: t('请填写维修内容', 'Say what was done') }, { max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('如：更换水龙头阀芯，试水正常', 'e.g. replaced the tap cartridge, tested: no leak')} />
        </Form.Item>

        <Typography.Text strong>{t('材料', 'Materials')}</Typography.Text>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <div key={field.key} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 10px 0', marginBottom: 10 }} data-testid="material-row">
                  <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    <Form.Item name={[field.name, 'name']} label={t(`材料 ${i + 1} 名称`, `Material ${i + 1} name`)} style={{ flex: 1, marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: t('请填写材料名称', 'Name the material') }, { max: 100 }]}>
                      <Input maxLength={100} placeholder={t('如：水龙头阀芯', 'e.g. tap cartridge')} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} style={{ marginTop: 38 }} aria-label={t(`删除材料 ${i + 1}`, `Remove material ${i + 1}`)} onClick={() => remove(field.name)} />
                  </div>
                  <div style={{ display: 'flex', gap: 8 }}>
                    <Form.Item name={[field.name, 'quantity']} label={t('数量', 'Quantity')} style={{ flex: 1 }}
                      rules={[{ required: true, message: t('请填写数量', 'Quantity?') }, { type: 'number', min: 0.001, max: 100000, message: t('数量须大于 0', 'More than 0') }]}>
                      <InputNumber min={0} max={100000} style={{ width: '100%' }} inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unitPrice']} label={t('单价（元）', 'Unit price (¥)')} style={{ flex: 1 }}
                      rules={[{ required: true, message: t('请填写单价', 'Price?') }, { type: 'number', min: 0, max: 100_000_000 }]}>
                      <InputNumber min={0} max={100_000_000} precision={2} step={1} style={{ width: '100%' }} inputMode="decimal" />
                    </Form.Item>
                  </div>
                </div>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 8 }}>
                {t('添加材料', 'Add a material')}
              </Button>
              {fields.length > 0 && (
                <Typography.Paragraph type="secondary" data-testid="materials-total">
                  {t('材料合计：', 'Materials total: ')}{formatFen(totalFen)}
                </Typography.Paragraph>
              )}
            </div>
          )}
        </Form.List>

        <Form.Item name="labourMinutes" label={t('工时（分钟）', 'Labour (minutes)')} style={{ marginTop: 8 }}
          rules={[{ required: true, message: t('请填写工时', 'Labour minutes?') }, { type: 'integer', min: 0, max: 100000, message: t('工时为 0–100000 的整数', 'A whole number 0–100000') }]}>
          <InputNumber min={0} max={100000} precision={0} step={10} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Space wrap style={{ marginTop: -12, marginBottom: 16 }}>
          {[30, 60, 90, 120].map((m) => (
            <Button key={m} size="small" onClick={() => form.setFieldValue('labourMinutes', m)}>
              {locale === 'en' ? `${m} min` : `${m}分钟`}
            </Button>
          ))}
        </Space>

        {order.paid ? (
          <Form.Item
            name="charge"
            label={t('收费金额（元，有偿维修）', 'Charge to the resident (¥, paid repair)')}
            extra={t('由收费处向业主收取', 'The cashier collects it from the resident')}
            rules={[{ required: true, message: t('有偿维修须填写收费金额', 'A paid repair needs its charge') }, { type: 'number', min: 0, max: 100_000_000 }]}
          >
            <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} inputMode="decimal" prefix="¥" />
          </Form.Item>
        ) : (
          <Alert type="info" showIcon message={t('无偿维修，不向业主收费', 'A free repair: nothing is charged to the resident')} />
        )}
      </Form>
    </Drawer>
  );
}
