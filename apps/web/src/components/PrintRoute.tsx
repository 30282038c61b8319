/**
 * Print views (work order, receipts, reminder letters, move-in confirmation, slips, permits,
 * passes) live outside the app's layout — no menu or header on paper — but still need a
 * signed-in user: this wrapper does the sign-in check AppLayout would have done, then shows the
 * page, loaded on demand with its QR library.
 */
import { Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from '../auth/auth';

export default function PrintRoute({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Spin style={{ marginTop: '30vh', width: '100%' }} />}>
      <Page />
    </Suspense>
  );
}
