import { PageHeader } from '../../components/common';

// Placeholder: this page is being written.
export default function BuildingsZonesPage() {
  return <PageHeader title="BuildingsZonesPage" />;
}
