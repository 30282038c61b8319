import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function UserDetailPage() {
  return <PageHeader title="UserDetailPage" />;
}
