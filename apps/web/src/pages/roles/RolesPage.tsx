import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function RolesPage() {
  return <PageHeader title="RolesPage" />;
}
