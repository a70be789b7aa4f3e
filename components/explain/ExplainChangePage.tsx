'use client';
/**
 * `/kpi/[id]/explain?unit=`: why a KPI moved at a unit since the previous period. The change is
 * split into the contributions of the unit's children (provinces of the nation, communes of a
 * province), ranked, as a waterfall (the largest ones, the rest as one bar) and a full table; for
 * the service index also into its five groups. The numbers come from values.explainChange, whose
 * rows add up exactly to the change (shared/domain/explainChange.ts says how).
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { waterfallSteps } from '../../shared/domain/explainChange';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { unitRoom } from '../../shared/realtime/events';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { ChangeArrow } from '../kpi/ChangeArrow';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { formatKpiValue } from '../kpi/units';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useLiveRooms } from '../live/LiveProvider';
import { NotFound } from '../navigation/NotFound';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { useTRPC, type RouterOutputs } from '../trpc';
import { explainHref, explainParams } from './explainHref';
import { WaterfallChart, type WaterfallBar } from './WaterfallChart';

type Explained = RouterOutputs['values']['explainChange'];
type ExplainedRow = Explained['children'][number];

/** How many children the waterfall shows one by one; the rest are one bar. */
const TOP = 10;

export function ExplainChangePage({ kpiId }: { kpiId: string }) {
  const { t } = useLocale();
  const catalogue = useKpiCatalogue();
  const [{ unit: code }] = useQueryStates(explainParams);
  const org = useOrgUnit(code);
  if (!catalogue.ready || org.isPending) return <main><p className="muted">{t('loading')}</p></main>;
  const kpi = catalogue.byId.get(kpiId);
  if (!kpi) return <NotFound title={t('kpiNotFound')} detail={`${t('noKpiWithId')} «${kpiId}».`} suggestion={{ href: '/kpi/service_index', label: t('serviceIndex') }} />;
  if (org.notFound || !org.data) return <main><p role="alert">{t('loadFailed')}</p></main>;
  return <ExplainView kpi={kpi} unit={org.data.unit} path={org.data.path} />;
}

function ExplainView({ kpi, unit, path }: { kpi: KpiDefinition; unit: OrgUnit; path: readonly OrgUnit[] }) {
  useLiveRooms([unitRoom(unit)]);
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const kiosk = useKiosk();
  const explained = useQuery(trpc.values.explainChange.queryOptions({ kpiId: kpi.id, orgUnitId: unit.id }));
  const data = explained.data;
  const periods =
    data?.period && data.previousPeriod ? t('explainPeriods', { previous: periodLabel(periodUnitOf(kpi.frequency), data.previousPeriod), current: periodLabel(periodUnitOf(kpi.frequency), data.period) }) : null;

  return (
    <main className="explain-page" data-testid="explain-page" data-kpi={kpi.id} data-unit={unit.code}>
      <Breadcrumbs path={path} tail={`${l(kpi.name)} › ${t('explainCrumb')}`} />
      <section className="panel explain-head" aria-labelledby="explain-title">
        <div>
          <h1 id="explain-title">{t('explainTitle', { kpi: l(kpi.name) })}</h1>
          <p className="muted">
            {unit.level === 'nation' ? t('nation') : unit.name}
            {periods ? ` · ${periods}` : ''} · <Link href={withKiosk(`/kpi/${kpi.id}`, kiosk)}>{t('explainDefinitionLink')}</Link>
          </p>
        </div>
        {data ? (
          <dl className="explain-figures">
            <div>
              <dt>{t('explainPrevious')}</dt>
              <dd data-testid="explain-previous">{formatKpiValue(kpi, data.previousValue, locale)}</dd>
            </div>
            <div>
              <dt>{t('explainCurrent')}</dt>
              <dd data-testid="explain-current">{formatKpiValue(kpi, data.currentValue, locale)}</dd>
            </div>
            <div>
              <dt>{t('explainChange')}</dt>
              <dd data-testid="explain-change">
                <ChangeArrow kpi={kpi} value={data.currentValue} previous={data.previousValue} />
              </dd>
            </div>
          </dl>
        ) : null}
      </section>
      {explained.isError ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : !data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.change === null ? (
        <p className="panel" data-testid="explain-nothing">{t('explainNothing')}</p>
      ) : (
        <>
          {data.groups ? <GroupsSection kpi={kpi} data={data} /> : null}
          <ChildrenSection kpi={kpi} unit={unit} data={data} />
          <p className="small muted explain-method">{t(data.kind === 'composite' ? 'explainMethodComposite' : data.kind === 'sum' ? 'explainMethodSum' : 'explainMethodRatio')}</p>
        </>
      )}
    </main>
  );
}

/** A row's name: the unit's own reports are named as such. */
function rowName(row: ExplainedRow, unit: OrgUnit, t: ReturnType<typeof useLocale>['t']): string {
  return row.own ? t('explainOwnRow', { name: unit.level === 'nation' ? t('nation') : row.name }) : row.name;
}

/** Contributions are finer than the values they move: one more decimal. */
const stepDecimals = (kpi: Pick<KpiDefinition, 'decimals'>) => kpi.decimals + 1;

/** A contribution with its sign, green when it is good news by the KPI's direction, red when bad. */
function Signed({ value, kpi }: { value: number; kpi: Pick<KpiDefinition, 'decimals' | 'direction'> }) {
  const { locale } = useLocale();
  const up = value > 0;
  const isGood = value === 0 ? null : up === (kpi.direction === 'higher_is_better');
  const text = `${up ? '+' : ''}${formatNumber(value, stepDecimals(kpi), locale)}`;
  return <span className={isGood === null || Math.abs(value) < 0.5 * 10 ** -stepDecimals(kpi) ? 'muted' : isGood ? 'change-good' : 'change-bad'}>{text}</span>;
}

function GroupsSection({ kpi, data }: { kpi: KpiDefinition; data: Explained }) {
  const { t, l, locale } = useLocale();
  const catalogue = useKpiCatalogue();
  const groups = useMemo(() => data.groups ?? [], [data.groups]);
  const bars = useMemo<WaterfallBar[]>(
    () => [
      { label: t('explainPrevious'), kind: 'total', value: data.previousValue ?? 0 },
      ...groups.map((g): WaterfallBar => ({ label: l(g.name), kind: 'step', value: g.contribution })),
      { label: t('explainCurrent'), kind: 'total', value: data.currentValue ?? 0 },
    ],
    [groups, data.previousValue, data.currentValue, t, l],
  );
  return (
    <section className="panel explain-section" aria-labelledby="explain-groups-title" data-testid="explain-groups">
      <h2 id="explain-groups-title">{t('explainByGroup')}</h2>
      <div className="explain-grid">
        <WaterfallChart kpi={kpi} bars={bars} decimals={stepDecimals(kpi)} ariaLabel={`${t('explainByGroup')}. ${t('explainChartLabel')}`} testId="explain-groups-chart" />
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('explainByGroup')}>
          <table className="data explain-table">
            <thead>
              <tr>
                <th scope="col">{t('explainByGroup')}</th>
                <th scope="col" className="num">{t('weight')}</th>
                <th scope="col" className="num">{t('explainPrevious')}</th>
                <th scope="col" className="num">{t('explainCurrent')}</th>
                <th scope="col" className="num">{t('explainContribution')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <GroupRows key={g.id} group={g} kpi={kpi} labelOf={(id) => { const c = catalogue.byId.get(id); return c ? l(c.name) : id; }} formatOf={(id, v) => { const c = catalogue.byId.get(id); return c ? formatKpiValue(c, v, locale) : formatNumber(v, 1, locale); }} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('explainTotal')}</th>
                <td />
                <td className="num">{formatNumber(data.previousValue, kpi.decimals, locale)}</td>
                <td className="num">{formatNumber(data.currentValue, kpi.decimals, locale)}</td>
                <td className="num">
                  <Signed value={data.change ?? 0} kpi={kpi} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  );
}

function GroupRows({
  group,
  kpi,
  labelOf,
  formatOf,
}: {
  group: NonNullable<Explained['groups']>[number];
  kpi: KpiDefinition;
  labelOf: (id: string) => string;
  formatOf: (id: string, v: number | null) => string;
}) {
  const { l, locale } = useLocale();
  return (
    <>
      <tr className="explain-group-row" data-group={group.id}>
        <th scope="row">{l(group.name)}</th>
        <td className="num">{formatNumber(group.weight, 0, locale)}</td>
        <td className="num">{formatNumber(group.previousScore, 1, locale)}</td>
        <td className="num">{formatNumber(group.currentScore, 1, locale)}</td>
        <td className="num">
          <Signed value={group.contribution} kpi={kpi} />
        </td>
      </tr>
      {group.kpis.map((k) => (
        <tr key={k.kpiId} className="explain-kpi-row small">
          <td>
            <Link href={`/kpi/${k.kpiId}`}>{labelOf(k.kpiId)}</Link>
          </td>
          <td />
          <td className="num">{formatOf(k.kpiId, k.previousValue)}</td>
          <td className="num">{formatOf(k.kpiId, k.currentValue)}</td>
          <td className="num">
            <Signed value={k.contribution} kpi={kpi} />
          </td>
        </tr>
      ))}
    </>
  );
}

function ChildrenSection({ kpi, unit, data }: { kpi: KpiDefinition; unit: OrgUnit; data: Explained }) {
  const { t, l, locale } = useLocale();
  const kiosk = useKiosk();
  const bars = useMemo<WaterfallBar[]>(() => {
    const nameOf = (row: ExplainedRow) => rowName(row, unit, t);
    const byId = new Map(data.children.map((c) => [c.orgUnitId, c]));
    // units with no data in either period contribute exactly 0: the table lists them, the chart not
    const moved = data.children.filter((c) => c.contribution !== 0);
    const steps = waterfallSteps(
      moved.map((c) => ({ id: c.orgUnitId, contribution: c.contribution })),
      TOP,
    );
    return [
      { label: t('explainPrevious'), kind: 'total', value: data.previousValue ?? 0 },
      ...steps.map((s): WaterfallBar => ({ label: s.id === null ? t('explainOthers', { n: s.count }) : nameOf(byId.get(s.id)!), kind: 'step', value: s.contribution })),
      { label: t('explainCurrent'), kind: 'total', value: data.currentValue ?? 0 },
    ];
  }, [data, t, unit]);
  const nameOf = (row: ExplainedRow) => rowName(row, unit, t);

  const title = data.childLevel === 'province' ? t('explainByProvince') : data.childLevel === 'commune' ? t('explainByCommune') : t('explainByOwn');
  const split = data.kind === 'ratio' || data.kind === 'mean';
  const groups = data.groups ?? [];
  const hrefOf = (row: ExplainedRow): string | null => {
    if (row.own) return null;
    return withKiosk(data.childLevel === 'province' ? explainHref(kpi.id, row.code) : `/commune/${row.code}?kpi=${kpi.id}`, kiosk);
  };
  // a share that rounds to nothing is 0 %, never "-0 %"
  const share = (c: number) => {
    if (!data.change) return '—';
    const percent = (c / data.change) * 100;
    return `${formatNumber(Math.abs(percent) < 0.5 ? 0 : percent, 0, locale)} %`;
  };
  return (
    <section className="panel explain-section" aria-labelledby="explain-children-title" data-testid="explain-children">
      <h2 id="explain-children-title">{title}</h2>
      {data.childLevel === null ? <p className="small muted">{t('explainNoChildren')}</p> : null}
      <WaterfallChart kpi={kpi} bars={bars} decimals={stepDecimals(kpi)} ariaLabel={`${title}. ${t('explainChartLabel')}`} testId="explain-waterfall" />
      {data.children.filter((c) => c.contribution !== 0).length > TOP ? <p className="small muted">{t('explainTopNote', { n: TOP })}</p> : null}
      <div className="table-scroll tall" tabIndex={0} role="region" aria-label={title}>
        <table className="data explain-table" data-testid="explain-table">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">{t('explainUnitCol')}</th>
              <th scope="col" className="num explain-value-col">{t('explainPrevious')}</th>
              <th scope="col" className="num explain-value-col">{t('explainCurrent')}</th>
              <th scope="col" className="num">{t('explainContribution')}</th>
              {split ? (
                <>
                  <th scope="col" className="num">{t('explainRateEffect')}</th>
                  <th scope="col" className="num">{t('explainMixEffect')}</th>
                </>
              ) : null}
              {groups.map((g) => (
                <th key={g.id} scope="col" className="num explain-group-col">
                  {l(g.name)}
                </th>
              ))}
              <th scope="col" className="num">{t('explainShare')}</th>
            </tr>
          </thead>
          <tbody>
            {data.children.map((row, i) => {
              const href = hrefOf(row);
              return (
                <tr key={`${row.orgUnitId}-${row.own ? 'own' : 'child'}`} data-code={row.code}>
                  <td className="num">{i + 1}</td>
                  <th scope="row">{href ? <Link href={href}>{nameOf(row)}</Link> : nameOf(row)}</th>
                  <td className="num explain-value-col">{formatKpiValue(kpi, row.previousValue, locale)}</td>
                  <td className="num explain-value-col">{formatKpiValue(kpi, row.currentValue, locale)}</td>
                  <td className="num" data-testid="explain-contribution">
                    <strong>
                      <Signed value={row.contribution} kpi={kpi} />
                    </strong>
                  </td>
                  {split ? (
                    <>
                      <td className="num">
                        <Signed value={row.rateEffect} kpi={kpi} />
                      </td>
                      <td className="num">
                        <Signed value={row.mixEffect} kpi={kpi} />
                      </td>
                    </>
                  ) : null}
                  {groups.map((g) => (
                    <td key={g.id} className="num">
                      <Signed value={row.byGroup?.[g.id] ?? 0} kpi={kpi} />
                    </td>
                  ))}
                  <td className="num">{share(row.contribution)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t('explainTotal')}</th>
              <td className="num explain-value-col">{formatKpiValue(kpi, data.previousValue, locale)}</td>
              <td className="num explain-value-col">{formatKpiValue(kpi, data.currentValue, locale)}</td>
              <td className="num" data-testid="explain-total">
                <strong>
                  <Signed value={data.change ?? 0} kpi={kpi} />
                </strong>
              </td>
              {split ? (
                <>
                  <td className="num">
                    <Signed value={data.children.reduce((a, c) => a + c.rateEffect, 0)} kpi={kpi} />
                  </td>
                  <td className="num">
                    <Signed value={data.children.reduce((a, c) => a + c.mixEffect, 0)} kpi={kpi} />
                  </td>
                </>
              ) : null}
              {groups.map((g) => (
                <td key={g.id} className="num">
                  <Signed value={g.contribution} kpi={kpi} />
                </td>
              ))}
              <td className="num">{data.change ? '100 %' : '—'}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
