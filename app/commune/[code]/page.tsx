import { CommunePage } from '../../../components/commune/CommunePage';

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <CommunePage code={code} />;
}
