'use client';
import Link from 'next/link';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { useLocale } from '../i18n/LocaleProvider';
import { unitHref } from '../navigation/unitHref';
import { useKiosk, withKiosk } from './useKiosk';


/** nation › province › commune, each a link but the last. */
export function Breadcrumbs({ path, tail }: { path: readonly OrgUnit[]; tail?: string }) {
  const { t } = useLocale();
  const kiosk = useKiosk();
  const items = path.map((u) => ({ href: unitHref(u), label: u.level === 'nation' ? t('nation') : u.name }));
  if (tail) items.push({ href: '', label: tail });
  return (
    <nav aria-label={t('breadcrumbLabel')} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={`${item.href}-${i}`}>
            {i < items.length - 1 ? <Link href={withKiosk(item.href, kiosk)}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
