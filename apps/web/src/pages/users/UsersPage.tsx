import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function UsersPage() {
  return <PageHeader title="UsersPage" />;
}
