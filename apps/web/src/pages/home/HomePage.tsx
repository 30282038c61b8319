import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { PushpinFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Notice, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ALL_ITEMS } from '../../layout/menu';
import { PageHeader, useProjects } from '../../components/common';

/** The start page: who I am, where I work, and the counts of what I look after. */
export default function HomePage() {
  const { me, can } = useAuth();
  const { t, locale } = useI18n();
  const projects = useProjects();
  const units = useQuery({ queryKey: ['units', 'count'], queryFn: () => api.get<Page<unknown>>('/api/units', { pageSize: 1 }), enabled: can('units.read') });
  const residents = useQuery({ queryKey: ['residents', 'count'], queryFn: () => api.get<Page<unknown>>('/api/residents', { pageSize: 1 }), enabled: can('residents.read') });
  const pinned = useQuery({ queryKey: ['notices', 'pinned'], queryFn: () => api.get<Page<Notice>>('/api/notices', { pinned: 'true', pageSize: 5 }), enabled: can('notices.read') });
  return (
    <div>
      <PageHeader title={t(`您好，${me?.user.displayName ?? ''}`, `Hello, ${me?.user.displayName ?? ''}`)} sub={t('今天也请微笑服务每一位业主', 'Serve every owner with a smile today')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('我负责的项目', 'My projects')} value={projects.data?.items.length ?? 0} loading={projects.isLoading} />
            <Typography.Text type="secondary">{projects.data?.items.map((p) => p.name).join('、')}</Typography.Text>
          </Card>
        </Col>
        {can('units.read') && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic title={t('房屋', 'Units')} value={units.data?.total ?? 0} loading={units.isLoading} />
            </Card>
          </Col>
        )}
        {can('residents.read') && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic title={t('住户', 'Residents')} value={residents.data?.total ?? 0} loading={residents.isLoading} />
            </Card>
          </Col>
        )}
      </Row>
      {(pinned.data?.items.length ?? 0) > 0 && (
        <Card title={<Link to="/frontdesk/notices"><PushpinFilled style={{ color: '#fa541c' }} /> {t('置顶通知', 'Pinned notices')}</Link>} style={{ marginTop: 16 }} data-testid="pinned-notices">
          <List size="small" dataSource={pinned.data?.items} renderItem={(n) => (
            <List.Item>
              <Space>
                {n.mine && !n.mine.readAt && <Tag color="red">{t('未读', 'Unread')}</Tag>}
                <Typography.Text strong>{n.title}</Typography.Text>
                <Typography.Text type="secondary">{n.body.slice(0, 80)}</Typography.Text>
              </Space>
            </List.Item>
          )} />
        </Card>
      )}
      <Card title={t('常用功能', 'Shortcuts')} style={{ marginTop: 16 }}>
        <Row gutter={[12, 12]}>
          {ALL_ITEMS.filter((i) => can(i.permission)).map((i) => (
            <Col key={i.path} xs={12} md={6}>
              <Link to={i.path}>
                <Card size="small" hoverable>
                  {i.icon} {locale === 'en' ? i.en : i.zh}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
