import { Checkbox, Col, Row, Spin, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { groupPermissions, usePermissions } from './rolesApi';

/**
 * The permission list as checkboxes grouped by area (org, units, residents, teams, users, roles,
 * audit). Read-only when `disabled`: then it shows what a role carries (held ✓, others faded).
 */
export function PermissionChecklist(props: { value?: string[]; onChange?: (v: string[]) => void; disabled?: boolean; id?: string }) {
  const { t, locale } = useI18n();
  const perms = usePermissions();
  const value = new Set(props.value ?? []);
  if (perms.isLoading) return <Spin />;
  const groups = groupPermissions(perms.data ?? []);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(value);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    props.onChange?.([...next]);
  };
  return (
    <div id={props.id} role="group" aria-label={t('权限', 'Permissions')}>
      <Row gutter={[16, 12]}>
        {groups.map((g) => {
          const codes = g.items.map((p) => p.code);
          const n = codes.filter((c) => value.has(c)).length;
          return (
            <Col key={g.prefix} xs={24} md={12} xl={8}>
              <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', height: '100%' }}>
                {props.disabled ? (
                  <>
                    <div style={{ fontWeight: 600, marginBottom: 4 }}>
                      {locale === 'en' ? g.en : g.zh}{' '}
                      <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                        {n}/{codes.length}
                      </Typography.Text>
                    </div>
                    {g.items.map((p) => {
                      const held = value.has(p.code);
                      return (
                        <div key={p.code} style={{ display: 'flex', gap: 8, alignItems: 'baseline', opacity: held ? 1 : 0.45 }}>
                          {held ? (
                            <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('已包含', 'Included')} />
                          ) : (
                            <MinusCircleOutlined aria-label={t('未包含', 'Not included')} />
                          )}
                          <span>
                            {locale === 'en' ? p.en : p.zh}{' '}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {p.code}
                            </Typography.Text>
                          </span>
                        </div>
                      );
                    })}
                  </>
                ) : (
                  <>
                    <Checkbox
                      checked={n === codes.length}
                      indeterminate={n > 0 && n < codes.length}
                      onChange={(e) => set(codes, e.target.checked)}
                      style={{ fontWeight: 600, marginBottom: 4 }}
                    >
                      {locale === 'en' ? g.en : g.zh}{' '}
                      <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                        {n}/{codes.length}
                      </Typography.Text>
                    </Checkbox>
                    {g.items.map((p) => (
                      <div key={p.code} style={{ paddingLeft: 24 }}>
                        <Checkbox checked={value.has(p.code)} onChange={(e) => set([p.code], e.target.checked)}>
                          {locale === 'en' ? p.en : p.zh}{' '}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {p.code}
                          </Typography.Text>
                        </Checkbox>
                      </div>
                    ))}
                  </>
                )}
              </div>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
