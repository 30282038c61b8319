import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function ResidentDetailPage() {
  return <PageHeader title="ResidentDetailPage" />;
}
