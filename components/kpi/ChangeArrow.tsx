'use client';
import Link from 'next/link';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { changeIsGood } from './units';
import { shownChange } from '../../shared/tableSort';

/**
 * ▲ 1,2 / ▼ 0,8 coloured by whether the KPI's direction makes it good news; arrow and sign say it
 * without colour. With `href` it is a link to "why did it move?" (components/explain/).
 */
export function ChangeArrow({ kpi, value, previous, href }: { kpi: Pick<KpiDefinition, 'direction' | 'decimals'>; value: number | null; previous: number | null; href?: string }) {
  const { locale, t } = useLocale();
  const diff = shownChange(value, previous, kpi.decimals);
  if (diff === null) return <span className="change change-none">—</span>;
  const good = diff === 0 ? null : changeIsGood(kpi, value, previous);
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '▶';
  const className = `change ${good === null ? 'change-flat' : good ? 'change-good' : 'change-bad'}`;
  const content = (
    <>
      <span aria-hidden="true">{arrow}</span> {diff > 0 ? '+' : ''}
      {formatNumber(diff, kpi.decimals, locale)}
      <span className="sr-only"> {t('previousPeriod')}</span>
    </>
  );
  if (href) {
    return (
      <Link href={href} className={`${className} change-link`} title={t('explainArrowTitle')} data-testid="change-explain">
        {content}
        <span className="sr-only"> — {t('explainArrowTitle')}</span>
      </Link>
    );
  }
  return (
    <span className={className} title={t('previousPeriod')}>
      {content}
    </span>
  );
}
