'use client';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { changeIsGood, shownChange } from './units';

/** ▲ 1,2 / ▼ 0,8 coloured by whether the KPI's direction makes it good news; arrow and sign say it without colour. */
export function ChangeArrow({ kpi, value, previous }: { kpi: Pick<KpiDefinition, 'direction' | 'decimals'>; value: number | null; previous: number | null }) {
  const { locale, t } = useLocale();
  const diff = shownChange(value, previous, kpi.decimals);
  if (diff === null) return <span className="change change-none">—</span>;
  const good = diff === 0 ? null : changeIsGood(kpi, value, previous);
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '▶';
  return (
    <span className={`change ${good === null ? 'change-flat' : good ? 'change-good' : 'change-bad'}`} title={t('previousPeriod')}>
      <span aria-hidden="true">{arrow}</span> {diff > 0 ? '+' : ''}
      {formatNumber(diff, kpi.decimals, locale)}
      <span className="sr-only"> {t('previousPeriod')}</span>
    </span>
  );
}
