import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function UnitsPage() {
  return <PageHeader title="UnitsPage" />;
}
