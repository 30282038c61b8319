/** The printable reminder letters: outside the app's layout, with its own sign-in check (as the work order's print view). */
import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from '../../auth/auth';

const DunningLettersPrintPage = lazy(() => import('./DunningLettersPrintPage'));

export default function LettersPrintRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Spin style={{ marginTop: '30vh', width: '100%' }} />}>
      <DunningLettersPrintPage />
    </Suspense>
  );
}
