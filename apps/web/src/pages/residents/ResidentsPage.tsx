import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function ResidentsPage() {
  return <PageHeader title="ResidentsPage" />;
}
