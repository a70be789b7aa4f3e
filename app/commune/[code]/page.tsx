import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CommunePage } from '../../../components/commune/CommunePage';
import { getAppContext } from '../../../server/appContext';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  if (unit?.level !== 'commune' || unit.provinceId === null) return { title: code };
  // Demo communes share names across provinces ("Phường Mẫu 001"): the province tells them apart.
  const province = tree.get(unit.provinceId).name;
  const t = await getTranslations();
  return { title: `${unit.name}, ${province}`, description: t('metaCommuneDescription', { name: unit.name, province }) };
}

export default async function Page({ params }: Props) {
  const { code } = await params;
  // A code that names no unit is a 404; a unit of another level gets the page's "open its page" hint.
  if (!getAppContext().orgUnits().byCodeOrUndefined(code)) notFound();
  return <CommunePage code={code} />;
}
