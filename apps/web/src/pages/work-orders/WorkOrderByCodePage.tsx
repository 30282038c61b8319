/** The QR printed on a work order lands here: find the order by its code and open it. */
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { WorkOrder } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

export default function WorkOrderByCodePage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['work-orders', 'by-code', code], queryFn: () => api.get<WorkOrder>(`/api/work-orders/by-code/${encodeURIComponent(code)}`), retry: false });
  useEffect(() => {
    if (q.data) navigate(`/work-orders/${q.data.id}`, { replace: true });
  }, [q.data, navigate]);
  if (q.error) {
    return (
      <Result
        status="warning"
        title={t('找不到这张派工单', 'Work order not found')}
        subTitle={q.error instanceof ApiError && q.error.status !== 404 ? q.error.message : t('二维码无效，或这张派工单不归您处理。', 'The code is not valid, or the order is not one of yours.')}
        extra={<Link to="/work-orders">{t('我的派工单', 'My work orders')}</Link>}
      />
    );
  }
  return <Spin style={{ marginTop: '20vh', width: '100%' }} />;
}
