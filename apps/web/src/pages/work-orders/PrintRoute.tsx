/**
 * The printable work order lives outside the app's layout (no menu, no header on paper) but
 * still needs a signed-in user: this wrapper does the sign-in check AppLayout would have done,
 * and loads the page (with its QR library) on demand.
 */
import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from '../../auth/auth';

const WorkOrderPrintPage = lazy(() => import('./WorkOrderPrintPage'));

export default function PrintRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Spin style={{ marginTop: '30vh', width: '100%' }} />}>
      <WorkOrderPrintPage />
    </Suspense>
  );
}
