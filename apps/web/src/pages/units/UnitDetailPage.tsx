import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function UnitDetailPage() {
  return <PageHeader title="UnitDetailPage" />;
}
