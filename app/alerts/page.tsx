import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { AlertsPage } from '../../components/alerts/AlertsPage';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('alertsPageTitle', 'metaAlertsDescription');
}

export default function AlertsRoute() {
  return <AlertsPage />;
}
