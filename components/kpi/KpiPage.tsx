'use client';
import { createSerializer, useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import type { CompositeKpi, KpiDefinition, KpiUnit } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import type { KpiSnapshot } from '../wireTypes';
import { ExportMenu } from '../export/ExportMenu';
import { useTrendWindowParams } from '../export/useTrendWindowParams';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { explainHref } from '../explain/explainHref';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useLiveRooms } from '../live/LiveProvider';
import { ProvinceMap } from '../map/ProvinceMap';
import { NotFound } from '../navigation/NotFound';
import { rangeParams, rankingSortParams } from '../navigation/searchParams';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { useTRPC } from '../trpc';
import { BandBadge } from './BandBadge';
import { BandLegend } from './BandLegend';
import { ChangeArrow } from './ChangeArrow';
import { FAMILY_LABELS } from './families';
import { KpiSelect } from './KpiSelect';
import { RankingTable, sortFromParams, sortPatch } from './RankingTable';
import { TrendPanel } from './TrendPanel';
import { useKpiCatalogue } from './useKpiCatalogue';
import { formatKpiValue, unitLabel } from './units';

const UNIT_WORDS: Record<KpiUnit, MessageKey> = {
  percent: 'unitPercent',
  hours: 'unitHours',
  days: 'unitDays',
  vnd: 'unitVnd',
  trips: 'unitTrips',
  score: 'unitScore',
  points: 'unitPoints',
};
const FREQUENCY_WORDS: Record<KpiDefinition['frequency'], MessageKey> = { daily: 'frequencyDaily', monthly: 'frequencyMonthly', quarterly: 'frequencyQuarterly' };
/** The view state this page shares with the next KPI's page when the reader switches KPI. */
const keptParams = createSerializer({ ...rangeParams, ...rankingSortParams });

/**
 * `/kpi/[id]`: one KPI across levels: what it is (definition, target, bands), the nation's trend
 * (`?range=`), and the 34 provinces on a map and in a table (`?sort=&dir=`).
 */
export function KpiPage({ id }: { id: string }) {
  const { t } = useLocale();
  const catalogue = useKpiCatalogue();
  const nation = useOrgUnit('VN');
  if (!catalogue.ready || (!nation.data && !nation.isError)) return <main><p className="muted">{t('loading')}</p></main>;
  const kpi = catalogue.byId.get(id);
  if (!kpi) return <NotFound title={t('kpiNotFound')} detail={`${t('noKpiWithId')} «${id}».`} suggestion={{ href: '/kpi/service_index', label: t('serviceIndex') }} />;
  if (!nation.data) return <main><p role="alert">{t('loadFailed')}</p></main>;
  return <KpiView kpi={kpi} nation={nation.data.unit} />;
}

function KpiView({ kpi, nation }: { kpi: KpiDefinition; nation: OrgUnit }) {
  useLiveRooms(['nation']);
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const router = useRouter();
  const [sortValues, setSort] = useQueryStates(rankingSortParams);
  const [rangeValues] = useQueryStates(rangeParams);
  const kiosk = useKiosk();
  const catalogue = useKpiCatalogue();
  const components = kpi.measure.kind === 'composite' ? kpi.measure.groups.flatMap((g) => g.kpiIds) : [];
  const current = useQuery(trpc.values.current.queryOptions({ orgUnitId: nation.id, kpiIds: [kpi.id, ...components] }));
  const ranking = useQuery(trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: nation.id }));
  const snapshots = new Map((current.data ?? []).map((s) => [s.kpiId, s]));
  const sort = sortFromParams(sortValues);
  const keep = (href: string) => withKiosk(href, kiosk);
  const trendWindow = useTrendWindowParams(kpi);
  const provinceHref = (code: string) => keep(`/province/${code}?kpi=${kpi.id}`);
  const switchKpi = (next: string) => {
    router.push(keep(keptParams(`/kpi/${next}`, { ...rangeValues, ...sortValues })));
  };
  const parent = catalogue.all.find((k): k is CompositeKpi => k.measure.kind === 'composite' && k.measure.groups.some((g) => g.kpiIds.includes(kpi.id)));
  const parentGroup = parent?.measure.groups.find((g) => g.kpiIds.includes(kpi.id));

  return (
    <main className="kpi-page" data-testid="kpi-page" data-kpi={kpi.id}>
      <div className="kpi-page-top">
        <Breadcrumbs path={[nation]} tail={l(kpi.name)} />
        <div className="panel-head">
          <KpiSelect value={kpi.id} onChange={switchKpi} label={t('otherKpi')} />
          <ExportMenu
            view="kpi"
            params={{ id: kpi.id, ...trendWindow, sort: sortValues.sort, dir: sortValues.dir }}
            {...(kpi.submittedAt === 'commune' && kpi.measure.kind !== 'composite' ? { large: { view: 'communes', params: { kpi: kpi.id, months: '24' } } } : {})}
          />
        </div>
      </div>
      <KpiDefinitionPanel kpi={kpi} snapshot={snapshots.get(kpi.id)} />
      {parent && parentGroup ? (
        <p className="small part-of">
          {t('partOf')} «{l(parentGroup.name)}» ({t('weight').toLowerCase()} {formatNumber(parentGroup.weight, 0, locale)} {t('points')}) {t('ofIndex')}{' '}
          <Link href={keep(`/kpi/${parent.id}`)}>{l(parent.name)}</Link>
        </p>
      ) : null}
      {kpi.measure.kind === 'composite' ? <CompositeBreakdown kpi={kpi as CompositeKpi} snapshots={snapshots} hrefOf={(id) => keep(`/kpi/${id}`)} /> : null}
      <TrendPanel unit={nation} kpi={kpi} />
      <section className="panel provinces-panel" aria-labelledby="provinces-title">
        <div className="panel-head">
          <h2 id="provinces-title">
            {t('provincesTitle')}: {l(kpi.name)}
          </h2>
          <p className="small muted">
            {t('period')} {ranking.data?.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.data.period) : '—'} · {t('mapHint')}
          </p>
        </div>
        {ranking.isError ? (
          <p role="alert">{t('loadFailed')}</p>
        ) : !ranking.data ? (
          <p className="muted">{t('loading')}</p>
        ) : (
          <div className="provinces-grid">
            <ProvinceMap
              kpi={kpi}
              height={620}
              values={ranking.data.children.map((c) => ({ code: c.code, name: c.name, value: c.value, band: c.band }))}
              onSelect={(code) => router.push(provinceHref(code))}
            />
            <div className="table-scroll tall" tabIndex={0} role="region" aria-label={`${t('provincesTitle')}: ${l(kpi.name)}`}>
              <RankingTable
                kpi={kpi}
                rows={ranking.data.children}
                hrefOf={provinceHref}
                nameLabel={t('province')}
                caption={`${t('provincesTitle')}: ${l(kpi.name)}`}
                sort={sort}
                onSort={(next) => void setSort(sortPatch(next))}
                testId="provinces-table"
              />
            </div>
          </div>
        )}
      </section>
    </main>
  );
}

/** Name, description, the nation's current value and the definition's facts in words. */
function KpiDefinitionPanel({ kpi, snapshot }: { kpi: KpiDefinition; snapshot: KpiSnapshot | undefined }) {
  const { t, l, locale } = useLocale();
  const kiosk = useKiosk();
  const family = FAMILY_LABELS.find(([f]) => f === kpi.family)?.[1];
  const value = snapshot?.value ?? null;
  const facts: Array<[MessageKey, ReactNode]> = [
    ['unit', unitWords(t(UNIT_WORDS[kpi.unit]), unitLabel(kpi.unit, locale))],
    ['direction', t(kpi.direction === 'higher_is_better' ? 'higherIsBetter' : 'lowerIsBetter')],
    ['target', `${formatKpiValue(kpi, kpi.target.value, locale)} ${t('by')} ${formatDate(new Date(`${kpi.target.by}T00:00:00+07:00`), locale)}`],
    ['bands', <BandLegend key="bands" kpi={kpi} />],
    ['frequency', t(FREQUENCY_WORDS[kpi.frequency])],
    ['submittedBy', kpi.measure.kind === 'composite' ? t('computedNotSubmitted') : t(kpi.submittedAt === 'commune' ? 'submittedByCommune' : 'submittedByProvince')],
    ...(kpi.measure.kind === 'composite' ? [] : ([['deadline', t('daysAfterPeriod', { days: kpi.deadlineDaysAfterPeriod })]] as Array<[MessageKey, string]>)),
    ['calculation', calculationWords(kpi, t, l)],
    ...(family ? ([['family', l(family)]] as Array<[MessageKey, string]>) : []),
  ];
  return (
    <section className="panel kpi-definition" aria-labelledby="kpi-title">
      <div className="kpi-definition-main">
        <h1 id="kpi-title">{l(kpi.name)}</h1>
        <p>{l(kpi.description)}</p>
        <div className="kpi-now">
          <span className="small muted">
            {t('nation')} · {t('period')} {snapshot?.period ? periodLabel(periodUnitOf(kpi.frequency), snapshot.period) : '—'}
          </span>
          <span className="kpi-value" data-testid="kpi-national-value">
            {formatKpiValue(kpi, value, locale)}
          </span>
          <span className="kpi-now-badges">
            <BandBadge band={snapshot?.band ?? null} /> <ChangeArrow kpi={kpi} value={value} previous={snapshot?.previousValue ?? null} href={withKiosk(explainHref(kpi.id, 'VN'), kiosk)} />
          </span>
        </div>
      </div>
      <dl className="facts">
        {facts.map(([label, text]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "Phần trăm (%)", but "Giờ" rather than "Giờ (giờ)". */
function unitWords(word: string, symbol: string): string {
  return word.toLowerCase().startsWith(symbol.toLowerCase()) ? word : `${word} (${symbol})`;
}

/** How the value is computed, from the definition's own input labels. */
function calculationWords(kpi: KpiDefinition, t: (k: MessageKey) => string, l: (x: { vi: string; en: string }) => string): string {
  const m = kpi.measure;
  switch (m.kind) {
    case 'ratio':
      return `${l(m.numerator.label)} / ${l(m.denominator.label)}${m.scale === 100 ? ' × 100' : m.scale === 1 ? '' : ` × ${m.scale}`}`;
    case 'mean':
      return `${t('weightedMeanOf')} ${l(m.value.label).toLowerCase()}, ${t('weightedBy')} ${l(m.weight.label).toLowerCase()}`;
    case 'sum':
      return `${t('sumOf')} ${l(m.value.label).toLowerCase()}`;
    case 'composite':
      return `${t('compositeOf')} ${m.groups.length} ${t('groupsWord')}`;
  }
}

/** The composite's groups with their weights and current scores, and each component KPI linked. */
function CompositeBreakdown({ kpi, snapshots, hrefOf }: { kpi: CompositeKpi; snapshots: ReadonlyMap<string, KpiSnapshot>; hrefOf: (id: string) => string }) {
  const { t, l, locale } = useLocale();
  const catalogue = useKpiCatalogue();
  const scores = new Map((snapshots.get(kpi.id)?.groups ?? []).map((g) => [g.id, g.score]));
  return (
    <section className="panel composite-breakdown" aria-labelledby="groups-title">
      <h2 id="groups-title">{t('groupsAndComponents')}</h2>
      <div className="group-grid">
        {kpi.measure.groups.map((group) => (
          <article key={group.id} className="group-card" aria-labelledby={`group-${group.id}`}>
            <h3 id={`group-${group.id}`}>{l(group.name)}</h3>
            <p className="small muted">
              {t('weight')} {formatNumber(group.weight, 0, locale)} {t('points')} · {t('groupScore')}{' '}
              <strong className="group-score">{formatNumber(scores.get(group.id) ?? null, 1, locale)}</strong>/100
            </p>
            <ul className="component-list">
              {group.kpiIds.map((id) => {
                const component = catalogue.byId.get(id);
                const snap = snapshots.get(id);
                if (!component) return null;
                return (
                  <li key={id}>
                    <Link href={hrefOf(id)}>{l(component.name)}</Link>
                    <span className="num">{formatKpiValue(component, snap?.value ?? null, locale)}</span>
                    <BandBadge band={snap?.band ?? null} />
                  </li>
                );
              })}
            </ul>
          </article>
        ))}
      </div>
    </section>
  );
}
