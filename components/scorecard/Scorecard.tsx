'use client';
/**
 * `/scorecard`: the 34 provincial units against the service index and its five groups, in one
 * table. Sort and region filter live in the URL (`?sort=index&dir=desc&region=mekong_delta`). The
 * body is a grid with one tab stop (roving tabindex): arrows move between cells, Home/End go to
 * the row's ends (with Ctrl, the grid's), Enter opens the row's province; ArrowUp from the first
 * row reaches the column's sort button. In control-room mode the table pages itself through the
 * rows during the view's time on screen. The last column is the chance that each province reaches
 * the index's target by its date, from its forecast (`forecast.attainmentByChildren`).
 */
import { useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BAND_LABELS, bandFor } from '../../kpi-definitions/bands';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import type { Attainment } from '../../shared/forecast/types';
import type { ScorecardData, ScorecardRow } from '../wireTypes';
import { REGIONS, type RegionId } from '../../shared/reference/provinces';
import { ExportMenu } from '../export/ExportMenu';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { BandBadge } from '../kpi/BandBadge';
import { bandBounds } from '../kpi/BandLegend';
import { formatKpiValue } from '../kpi/units';
import { ChangeArrow } from '../kpi/ChangeArrow';
import { changeIsGood } from '../kpi/units';
import { SCORECARD_DEFAULT_SORT, scorecardFirstDir, scorecardSortFrom, shownChange, sortScorecard, type ScorecardSort, type ScorecardSortKey } from '../../shared/tableSort';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { useKiosk, withKiosk } from '../layout/useKiosk';
import { useLiveRooms } from '../live/LiveProvider';
import { scorecardParams } from '../navigation/searchParams';
import { useOrgUnit } from '../orgUnit/useOrgUnit';
import { AttainmentBadge } from '../plan/AttainmentBadge';
import { useTRPC } from '../trpc';

const REGION_IDS = Object.keys(REGIONS) as RegionId[];
/** rows a PageUp/PageDown moves */
const PAGE_ROWS = 10;

/** each province's chance of reaching the index's target, by org-unit id */
type AttainmentByUnit = ReadonlyMap<number, Attainment>;

interface Column {
  key: ScorecardSortKey;
  label: string;
  /** small lines under the label: what the number is out of, the group's weight */
  sub?: readonly string[];
  numeric: boolean;
  className: string;
}

export function Scorecard() {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const router = useRouter();
  const kiosk = useKiosk();
  const [params, setParams] = useQueryStates(scorecardParams);
  useLiveRooms(['nation']);
  const kpi = useKpiCatalogue().byId.get('service_index');
  // No kpiId in the input: every live frame invalidates it (see LiveProvider's dependsOn).
  const scorecard = useQuery(trpc.values.scorecard.queryOptions({}));
  const nation = useOrgUnit('VN').data?.unit;
  const attainmentQuery = useQuery({ ...trpc.forecast.attainmentByChildren.queryOptions({ parentId: nation?.id ?? 0, kpiId: 'service_index' }), enabled: nation !== undefined });
  const attainment = useMemo<AttainmentByUnit>(() => new Map((attainmentQuery.data ?? []).map((a) => [a.orgUnitId, a])), [attainmentQuery.data]);

  const data = scorecard.data;
  const groupIds = useMemo(() => data?.groups.map((g) => g.id) ?? [], [data]);
  const sortParam = params.sort;
  const dirParam = params.dir;
  const sort = scorecardSortFrom({ sort: sortParam, dir: dirParam }, groupIds);
  const region = params.region;

  const regionName = useCallback((r: RegionId | null) => (r === null ? '—' : l(REGIONS[r])), [l]);
  const rows = useMemo(
    () =>
      sortScorecard(
        (data?.rows ?? []).filter((r) => region === null || r.region === region),
        { key: sort.key, dir: sort.dir },
        { locale, regionName: (r) => l(REGIONS[r]), attainment: new Map([...attainment].map(([id, a]) => [id, a.probability])) },
      ),
    [data, region, sort.key, sort.dir, locale, l, attainment],
  );

  const setSort = (key: ScorecardSortKey) => {
    const next: ScorecardSort = { key, dir: sort.key === key ? (sort.dir === 'asc' ? 'desc' : 'asc') : scorecardFirstDir(key) };
    const isDefault = next.key === SCORECARD_DEFAULT_SORT.key && next.dir === SCORECARD_DEFAULT_SORT.dir;
    void setParams({ sort: isDefault ? null : next.key, dir: isDefault ? null : next.dir });
  };
  const provinceHref = (code: string) => withKiosk(`/province/${code}`, kiosk);

  if (scorecard.isError) return <main className="scorecard-page"><p role="alert">{t('loadFailed')}</p></main>;
  if (!data || !kpi) return <main className="scorecard-page"><p className="muted">{t('loading')}</p></main>;

  // the target the forecasts judge (the router's, else the definition's)
  const judged = attainmentQuery.data?.[0];
  const attainmentTarget = t('planAttainmentTargetBy', { target: formatKpiValue(kpi, judged?.target ?? kpi.target.value, locale), by: formatDate(judged?.by ?? new Date(`${kpi.target.by}T00:00:00+07:00`), locale) });

  const columns: Column[] = [
    { key: 'rank', label: t('rank'), numeric: true, className: 'sc-rank' },
    { key: 'name', label: t('province'), numeric: false, className: 'sc-name' },
    { key: 'region', label: t('region'), numeric: false, className: 'sc-region' },
    { key: 'index', label: t('scorecardIndex'), sub: [`/100 ${t('points')}`], numeric: true, className: 'sc-index' },
    ...data.groups.map((g) => ({ key: g.id, label: l(g.name), sub: [t('groupScoreOutOf'), t('groupWeight', { weight: formatNumber(g.weight, 0, locale) })], numeric: true, className: 'sc-group' })),
    { key: 'change', label: t('change'), numeric: true, className: 'sc-change' },
    { key: 'attainment', label: t('planAttainment'), sub: [attainmentTarget], numeric: false, className: 'sc-attainment' },
  ];
  const period = data.period ? periodLabel(periodUnitOf(kpi.frequency), data.period) : '—';
  const bounds = bandBounds(kpi, locale);

  return (
    <main className="scorecard-page">
      <div className="scorecard-head">
        <div>
          <h1>{t('scorecardTitle')}</h1>
          <p className="muted">
            {l(kpi.name)} · {t('period')} {period}
          </p>
        </div>
        <div className="scorecard-tools">
          <ExportMenu view="scorecard" params={{ region, sort: sortParam, dir: dirParam }} />
          <label className="select">
            <span>{t('region')}</span>
            <select value={region ?? ''} onChange={(e) => void setParams({ region: REGION_IDS.find((r) => r === e.target.value) ?? null })} data-testid="scorecard-region">
              <option value="">{t('allRegions')}</option>
              {REGION_IDS.map((r) => (
                <option key={r} value={r}>
                  {l(REGIONS[r])}
                </option>
              ))}
            </select>
          </label>
          {/* the cells' tints, with the bounds of each band */}
          <ul className="scorecard-legend" aria-label={t('bandsLegend')}>
            {kpi.bands.map((b, i) => (
              <li key={b.id}>
                <span className={`sc-swatch sc-tint-${b.id}`} aria-hidden="true" /> {l(b.label)} {bounds[i]}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <ScorecardTable
        data={data}
        kpi={kpi}
        rows={rows}
        columns={columns}
        sort={sort}
        onSort={setSort}
        caption={`${t('scorecardCaption')} · ${t('period')} ${period} · ${t('scorecardUnits', { shown: rows.length, total: data.rows.length })}`}
        regionName={regionName}
        provinceHref={provinceHref}
        openProvince={(code) => router.push(provinceHref(code))}
        attainment={attainment}
        attainmentStatus={attainmentQuery.status}
      />
      <p className="small muted scorecard-hint">{t('scorecardKeyboardHint')}</p>
    </main>
  );
}

function ScorecardTable({
  data,
  kpi,
  rows,
  columns,
  sort,
  onSort,
  caption,
  regionName,
  provinceHref,
  openProvince,
  attainment,
  attainmentStatus,
}: {
  data: ScorecardData;
  kpi: KpiDefinition;
  rows: readonly ScorecardRow[];
  columns: readonly Column[];
  sort: ScorecardSort;
  onSort: (key: ScorecardSortKey) => void;
  caption: string;
  regionName: (r: RegionId | null) => string;
  provinceHref: (code: string) => string;
  openProvince: (code: string) => void;
  attainment: AttainmentByUnit;
  attainmentStatus: 'pending' | 'error' | 'success';
}) {
  const { t, l, locale } = useLocale();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The roving position: the province (so that it survives a sort or a live update) and the column.
  const [active, setActive] = useState<{ code: string | null; col: number }>({ code: null, col: 0 });
  const activeRow = Math.max(0, rows.findIndex((r) => r.code === active.code));

  const cellId = (row: number, col: number) => `sc-${rows[row]?.code}-${col}`;
  const moveTo = (row: number, col: number) => {
    const r = Math.min(rows.length - 1, Math.max(0, row));
    const c = Math.min(columns.length - 1, Math.max(0, col));
    setActive({ code: rows[r]?.code ?? null, col: c });
    document.getElementById(cellId(r, c))?.focus();
  };

  const onBodyKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = activeRow;
    const col = active.col;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(row + 1, col);
        break;
      case 'ArrowUp':
        if (row === 0) document.getElementById(`sc-sort-${columns[col]?.key}`)?.focus();
        else moveTo(row - 1, col);
        break;
      case 'ArrowRight':
        moveTo(row, col + 1);
        break;
      case 'ArrowLeft':
        moveTo(row, col - 1);
        break;
      case 'Home':
        moveTo(e.ctrlKey ? 0 : row, 0);
        break;
      case 'End':
        moveTo(e.ctrlKey ? rows.length - 1 : row, columns.length - 1);
        break;
      case 'PageDown':
        moveTo(row + PAGE_ROWS, col);
        break;
      case 'PageUp':
        moveTo(row - PAGE_ROWS, col);
        break;
      case 'Enter': {
        const code = rows[row]?.code;
        if (code) openProvince(code);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  /** From a sort button, ArrowDown enters the grid in that column. */
  const onHeaderKeyDown = (e: KeyboardEvent<HTMLButtonElement>, col: number) => {
    if (e.key !== 'ArrowDown' || rows.length === 0) return;
    e.preventDefault();
    moveTo(0, col);
  };

  // The scroll area fills the window below it, so that the header row and first columns stay in view.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fit = () => {
      const box = el.getBoundingClientRect();
      // what the page shows below the table: its margin, the hint, the page's padding
      const main = el.closest('main')?.getBoundingClientRect();
      const below = main ? main.bottom - box.bottom : 0;
      el.style.maxHeight = `${Math.max(320, window.innerHeight - (box.top + window.scrollY) - below)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  // On a wall screen the kiosk steps through this scroll area like the page (components/layout/kioskScroll.ts).

  const ariaSort = (key: ScorecardSortKey) => (sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined);
  const bandOf = (score: number | null) => (score === null ? null : bandFor(kpi, score));

  return (
    <div className="scorecard-scroll" ref={scrollRef} data-testid="scorecard-scroll">
      <table className="scorecard" role="grid" aria-readonly="true" aria-rowcount={rows.length + 1} data-testid="scorecard">
        <caption>{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c, col) => (
              <th key={c.key} scope="col" className={`${c.className}${c.numeric ? ' num' : ''}`} aria-sort={ariaSort(c.key)}>
                <button type="button" className="sc-sort" id={`sc-sort-${c.key}`} onClick={() => onSort(c.key)} onKeyDown={(e) => onHeaderKeyDown(e, col)} data-testid={`scorecard-sort-${c.key}`}>
                  <span className="sc-label">{c.label}</span>
                  {c.sub?.map((line) => (
                    <span key={line} className="sc-sub">
                      {line}
                    </span>
                  ))}
                  <span className="sc-sort-mark" aria-hidden="true">
                    {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onBodyKeyDown}>
          {rows.map((r, row) => {
            const cellProps = (col: number) => ({
              id: cellId(row, col),
              tabIndex: row === activeRow && col === active.col ? 0 : -1,
              onFocus: () => (active.code !== r.code || active.col !== col ? setActive({ code: r.code, col }) : undefined),
            });
            const change = shownChange(r.index, r.previousIndex, kpi.decimals);
            const good = changeIsGood(kpi, r.index, r.previousIndex);
            return (
              <tr key={r.code} aria-rowindex={row + 2} data-code={r.code} className={row === activeRow ? 'sc-active-row' : undefined}>
                <td {...cellProps(0)} className="sc-rank num">
                  {r.rank ?? '—'}
                </td>
                <th {...cellProps(1)} scope="row" className="sc-name">
                  <Link href={provinceHref(r.code)} tabIndex={-1}>
                    {r.name}
                  </Link>
                </th>
                <td {...cellProps(2)} className="sc-region">
                  {regionName(r.region)}
                </td>
                <td {...cellProps(3)} className="sc-index num" data-testid="scorecard-index">
                  <span className="sc-index-value">{formatNumber(r.index, kpi.decimals, locale)}</span> <BandBadge band={r.band} />{' '}
                  {!change ? null : (
                    <span className={`sc-arrow ${good ? 'change-good' : 'change-bad'}`} aria-hidden="true">
                      {change > 0 ? '▲' : '▼'}
                    </span>
                  )}
                </td>
                {data.groups.map((g, i) => {
                  const cell = r.groups.find((x) => x.id === g.id);
                  const score = cell?.score ?? null;
                  const band = bandOf(score);
                  const diff = shownChange(score, cell?.previousScore ?? null, kpi.decimals);
                  const label = band ? l(BAND_LABELS[band]) : t('noData');
                  const diffText = !diff ? '' : `${diff > 0 ? '+' : ''}${formatNumber(diff, kpi.decimals, locale)} ${t('previousPeriod')}`;
                  return (
                    <td key={g.id} {...cellProps(4 + i)} className={`sc-group num sc-tint-${band ?? 'none'}`} title={diffText ? `${label} · ${diffText}` : label}>
                      {formatNumber(score, kpi.decimals, locale)}
                      {!diff ? null : (
                        <span className={`sc-group-arrow ${diff > 0 ? 'change-good' : 'change-bad'}`} aria-hidden="true">
                          {diff > 0 ? '▲' : '▼'}
                        </span>
                      )}
                      <span className="sr-only">
                        , {label}
                        {diffText ? `, ${diffText}` : ''}
                      </span>
                    </td>
                  );
                })}
                <td {...cellProps(4 + data.groups.length)} className="sc-change num">
                  <ChangeArrow kpi={kpi} value={r.index} previous={r.previousIndex} />
                </td>
                <td {...cellProps(5 + data.groups.length)} className="sc-attainment" data-testid="scorecard-attainment">
                  {attainmentStatus === 'success' ? <AttainmentBadge attainment={attainment.get(r.orgUnitId)} /> : <span className="muted">{attainmentStatus === 'error' ? t('loadFailed') : '…'}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
