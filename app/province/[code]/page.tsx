import { ProvincePage } from '../../../components/province/ProvincePage';

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ProvincePage code={code} />;
}
