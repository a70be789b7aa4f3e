import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ProvincePage } from '../../../components/province/ProvincePage';
import { getAppContext } from '../../../server/appContext';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const unit = getAppContext().orgUnits().byCodeOrUndefined(code);
  if (unit?.level !== 'province') return { title: code };
  const t = await getTranslations();
  return { title: unit.name, description: t('metaProvinceDescription', { name: unit.name }) };
}

export default async function Page({ params }: Props) {
  const { code } = await params;
  // A code that names no unit is a 404; a unit of another level gets the page's "open its page" hint.
  if (!getAppContext().orgUnits().byCodeOrUndefined(code)) notFound();
  return <ProvincePage code={code} />;
}
