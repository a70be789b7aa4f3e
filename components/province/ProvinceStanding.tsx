'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { BandBadge } from '../kpi/BandBadge';
import { ChangeArrow } from '../kpi/ChangeArrow';
import { formatKpiValue } from '../kpi/units';
import { useLiveRooms } from '../live/LiveProvider';
import { useTRPC } from '../trpc';

/** Where a province stands among the 34 for one KPI: its rank, its value beside the nation's and the target. */
export function ProvinceStanding({ province, nation, kpi, kpiHref }: { province: OrgUnit; nation: OrgUnit; kpi: KpiDefinition; kpiHref: string }) {
  // The standing is the nation's ranking: its room's frames carry it.
  useLiveRooms(['nation']);
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const ranking = useQuery(trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: nation.id }));
  const national = useQuery(trpc.values.current.queryOptions({ orgUnitId: nation.id, kpiIds: [kpi.id] }));
  const me = ranking.data?.children.find((c) => c.orgUnitId === province.id);
  const ranked = ranking.data?.children.filter((c) => c.rank !== null).length ?? 0;
  const nationValue = national.data?.[0]?.value ?? null;
  return (
    <section className="panel standing" aria-labelledby="standing-title" data-testid="province-standing">
      <h2 id="standing-title">{t('standingTitle')}</h2>
      <p className="small muted">
        {l(kpi.name)} · {t('period')} {ranking.data?.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.data.period) : '—'}
      </p>
      <p className="standing-rank">
        <span className="muted">{t('rank')}</span> <strong data-testid="standing-rank">{me?.rank ? formatNumber(me.rank, 0, locale) : '—'}</strong>
        <span className="muted">/{formatNumber(ranked || 34, 0, locale)}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{province.name}</dt>
          <dd>
            <strong>{formatKpiValue(kpi, me?.value ?? null, locale)}</strong> <BandBadge band={me?.band ?? null} />{' '}
            <ChangeArrow kpi={kpi} value={me?.value ?? null} previous={me?.previousValue ?? null} />
          </dd>
        </div>
        <div>
          <dt>{t('nation')}</dt>
          <dd>{formatKpiValue(kpi, nationValue, locale)}</dd>
        </div>
        <div>
          <dt>{t('target')}</dt>
          <dd>{formatKpiValue(kpi, kpi.target.value, locale)}</dd>
        </div>
      </dl>
      <p className="standing-link">
        <Link href={kpiHref}>{t('seeAllProvinces')} ›</Link>
      </p>
    </section>
  );
}
