import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { options, UNIT_KINDS, UNIT_STATES } from '../../i18n/terms';

/** The fields of a unit, the same in the "new unit" and "edit unit" forms (area in m², 2 decimals). */
export function UnitFields() {
  const { t, locale } = useI18n();
  return (
    <>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="number"
            label={t('房号', 'Unit number')}
            rules={[
              { required: true, whitespace: true, message: t('请输入房号', 'Enter the unit number') },
              { max: 32, message: t('最多 32 个字符', 'At most 32 characters') },
            ]}
          >
            <Input placeholder="1201" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="floor" label={t('楼层', 'Floor')} rules={[{ required: true, message: t('请输入楼层', 'Enter the floor') }]}>
            <InputNumber min={-10} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="area" label={t('建筑面积 (m²)', 'Gross area (m²)')} rules={[{ required: true, message: t('请输入面积', 'Enter the area') }]}>
            <InputNumber min={0.01} max={1_000_000} precision={2} step={0.01} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={options(UNIT_KINDS, locale)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="state" label={t('状态', 'State')} rules={[{ required: true }]}>
            <Select options={options(UNIT_STATES, locale)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('备注', 'Note')} rules={[{ max: 500, message: t('最多 500 个字符', 'At most 500 characters') }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
