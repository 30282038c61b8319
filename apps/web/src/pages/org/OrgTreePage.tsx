import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function OrgTreePage() {
  return <PageHeader title="OrgTreePage" />;
}
