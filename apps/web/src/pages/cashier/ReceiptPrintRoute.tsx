/** The printable receipt lives outside the layout (no menu on paper) but needs a signed-in user. */
import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from '../../auth/auth';

const ReceiptPrintPage = lazy(() => import('./ReceiptPrintPage'));

export default function ReceiptPrintRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Spin style={{ marginTop: '30vh', width: '100%' }} />}>
      <ReceiptPrintPage />
    </Suspense>
  );
}
