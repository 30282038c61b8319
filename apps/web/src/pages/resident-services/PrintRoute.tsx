/**
 * Print views (move-in confirmation, release slip, renovation permit, pass cards) live outside
 * the app's layout but need a signed-in user: this wrapper checks, then loads the page with its
 * QR library on demand.
 */
import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from '../../auth/auth';

const ResidentPrintPage = lazy(() => import('./ResidentPrintPage'));

export default function PrintRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Spin style={{ marginTop: '30vh', width: '100%' }} />}>
      <ResidentPrintPage />
    </Suspense>
  );
}
