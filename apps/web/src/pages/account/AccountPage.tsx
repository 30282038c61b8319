import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function AccountPage() {
  return <PageHeader title="AccountPage" />;
}
