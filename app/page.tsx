import { NationalOverview } from '../components/overview/NationalOverview';

export default function HomePage() {
  return <NationalOverview />;
}
