'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { memo, useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { KpiSnapshot } from '../wireTypes';
import { Sparkline } from '../charts/Sparkline';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { BandBadge } from './BandBadge';
import { ChangeArrow } from './ChangeArrow';
import { sparklineWindow } from './ranges';
import { formatKpiValue, targetProgress } from './units';

const BAND_COLORS: Record<string, string> = { good: '#1a7f37', fair: '#5aa832', average: '#b38600', weak: '#d9730d', poor: '#c62828' };

/**
 * One KPI at a glance: value with unit, change arrow, band, progress to target, sparkline. Drawn
 * again only when its own props change: a live frame keeps the snapshots of the KPIs it did not move.
 */
export const KpiCard = memo(function KpiCard({ kpi, snapshot, orgUnitId, href, explainHref }: { kpi: KpiDefinition; snapshot: KpiSnapshot | undefined; orgUnitId: number; href: string; explainHref?: string }) {
  const { l, t, locale } = useLocale();
  const trpc = useTRPC();
  const window = useMemo(() => sparklineWindow(kpi.frequency), [kpi.frequency]);
  const series = useQuery(trpc.values.series.queryOptions({ kpiId: kpi.id, orgUnitId, ...window }));
  const value = snapshot?.value ?? null;
  const progress = targetProgress(kpi, value);
  return (
    <article className={`kpi-card band-edge-${snapshot?.band ?? 'none'}`} data-kpi={kpi.id} aria-labelledby={`kpi-${kpi.id}-name`}>
      <h3 id={`kpi-${kpi.id}-name`}>
        <Link href={href}>{l(kpi.name)}</Link>
      </h3>
      <div className="kpi-value-row">
        <span className="kpi-value" data-testid={`kpi-value-${kpi.id}`}>
          {formatKpiValue(kpi, value, locale)}
        </span>
        <ChangeArrow kpi={kpi} value={value} previous={snapshot?.previousValue ?? null} href={explainHref} />
        <BandBadge band={snapshot?.band ?? null} />
        {snapshot?.provisional ? (
          <span className="provisional" data-testid={`provisional-${kpi.id}`}>
            {t('provisional')}
          </span>
        ) : null}
      </div>
      <div className="kpi-target" aria-label={`${t('target')} ${formatKpiValue(kpi, kpi.target.value, locale)}`}>
        <div className="progress" aria-hidden="true">
          <div style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
        </div>
        <span className="small muted">
          {t('target')} {formatKpiValue(kpi, kpi.target.value, locale)} · {progress === null ? '—' : `${formatNumber(progress * 100, 0, locale)} %`}
        </span>
      </div>
      {series.data && series.data.length > 1 ? (
        <Sparkline points={series.data} color={BAND_COLORS[snapshot?.band ?? ''] ?? '#3b6ea8'} label={`${l(kpi.name)}: ${t('series')}`} />
      ) : (
        <div style={{ height: 44 }} />
      )}
      <p className="small muted">
        {t('period')} {snapshot?.period ? periodLabel(periodUnitOf(kpi.frequency), snapshot.period) : '—'}
        {snapshot?.reportingUnits ? ` · ${t('unitsReporting', { n: snapshot.reportingUnits })}` : ''}
      </p>
    </article>
  );
});
