import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function AuditPage() {
  return <PageHeader title="AuditPage" />;
}
