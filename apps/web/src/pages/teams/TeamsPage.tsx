import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function TeamsPage() {
  return <PageHeader title="TeamsPage" />;
}
