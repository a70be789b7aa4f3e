/**
 * Each view that shows numbers, as an ExportDocument: overview, scorecard, province, KPI,
 * completeness, and `communes` (one KPI for every commune over up to 36 months: the large export
 * that streams). Each reads the services its page's tRPC procedures read (getChildRanking,
 * getScorecard, getSeries, getCompleteness), with the page's own choices passed as parameters,
 * so the file holds the page's numbers; then keeps only the units the user may see.
 */
import { BAND_LABELS, bandFor } from '../../kpi-definitions/bands';
import { FREQUENCIES, SUBMITTING_LEVELS, type Frequency, type KpiDefinition, type MeasuredKpi, type SubmittingLevel } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { valueFromSums } from '../../shared/domain/aggregate';
import { parsePeriod } from '../../shared/domain/parsePeriod';
import { addPeriods, periodLabel, periodStart, periodUnitOf, type PeriodUnit, type Resolution } from '../../shared/domain/periods';
import { describeMethod } from '../../shared/openData/describeMethod';
import { FREQUENCY_LABELS, KPI_UNIT_NAMES } from '../../shared/openData/texts';
import { REGIONS, type RegionId } from '../../shared/reference/provinces';
import { HISTORY_SHOWN, fanChartOption, UNIT_COLORS, type PlanInterval } from '../../shared/plan/fanChartOption';
import type { ForecastVerdict, UnitForecast } from '../../shared/forecast/types';
import { provinceMapOption } from '../../shared/map/provinceMapOption';
import type { AppContext } from '../appContext';
import { canSee, requireCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { getChildSums } from '../db/queries/rollups';
import { DEFAULT_HORIZON, getAttainmentByChildren, getForecast, MAX_HORIZON } from '../forecast/forecastService';
import { getCompleteness } from '../services/completeness';
import { getChildRanking, getSeries, type RankedChild } from '../services/kpiValues';
import { OpenDataParamError, refuseUnknownParameters } from '../services/openDataRequest';
import { getScorecard } from '../services/scorecard';
import { EXPORT_FORMATS, type ExportChart, type ExportColumn, type ExportDocument, type ExportFormat, type ExportLocale, type ExportRow, type ExportTable } from './exportDocument';
import { EXPORT_TEXT } from './exportTexts';
import { formatDateTime, formatNumber, KPI_UNIT_LABELS } from '../../shared/format';
import { RANKING_SORT_KEYS, rankingSortFrom, SCORECARD_FIXED_SORTS, scorecardSortFrom, SORT_DIRS, sortRanking, sortScorecard } from '../../shared/tableSort';

export interface ExportRequest {
  app: AppContext;
  principal: Principal;
  /** "Display Name (username)" for the header block */
  who: string;
  locale: ExportLocale;
  now: Date;
  params: URLSearchParams;
}

interface ExportView {
  /** the view's own parameters (format and lang are everyone's) */
  params: readonly string[];
  build: (req: ExportRequest) => Promise<ExportDocument>;
}

type Text = { vi: string; en: string };
/** A bad parameter: the body names the field (the open data's error, one shape for both). */
const paramError = (field: string, vi: string, en: string) => new OpenDataParamError(field, { vi, en });

// ——— parameters ———

export function readFormat(params: URLSearchParams): ExportFormat {
  const raw = params.get('format');
  if (raw === null || raw === '') throw paramError('format', `cần chọn định dạng: ${EXPORT_FORMATS.join(', ')}`, `choose a format: ${EXPORT_FORMATS.join(', ')}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(raw)) throw paramError('format', `phải là một trong ${EXPORT_FORMATS.join(', ')}; nhận được «${raw}»`, `must be one of ${EXPORT_FORMATS.join(', ')}; got "${raw}"`);
  return raw as ExportFormat;
}

export function readLocale(params: URLSearchParams): ExportLocale {
  const raw = params.get('lang');
  if (raw === null || raw === '' || raw === 'vi') return 'vi';
  if (raw === 'en') return 'en';
  throw paramError('lang', `phải là vi hoặc en; nhận được «${raw}»`, `must be vi or en; got "${raw}"`);
}

function readKpi(app: AppContext, params: URLSearchParams, field: string, fallback?: string): KpiDefinition {
  const raw = params.get(field) || fallback;
  if (!raw) throw paramError(field, 'cần mã chỉ số', 'a KPI id is required');
  const kpi = app.catalogue.byId.get(raw);
  if (!kpi) throw paramError(field, `không có chỉ số «${raw}»`, `no KPI "${raw}"`);
  return kpi;
}

function readProvince(app: AppContext, params: URLSearchParams, field: string, required: boolean): OrgUnit | undefined {
  const raw = params.get(field);
  if (raw === null || raw === '') {
    if (required) throw paramError(field, 'cần mã tỉnh, thành phố', 'a province code is required');
    return undefined;
  }
  const unit = app.orgUnits().byCodeOrUndefined(raw);
  if (unit?.level !== 'province') throw paramError(field, `không có tỉnh, thành phố mã «${raw}»`, `no province has the code "${raw}"`);
  return unit;
}

function readChoice<T extends string>(params: URLSearchParams, field: string, allowed: readonly T[]): T | undefined {
  const raw = params.get(field);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw paramError(field, `phải là một trong ${allowed.join(', ')}; nhận được «${raw}»`, `must be one of ${allowed.join(', ')}; got "${raw}"`);
  return raw as T;
}

/** A ranking table's sort as its page keeps it in the URL (`sort`/`dir`, the communes' `csort`/`cdir`). */
function readRankingSort(params: URLSearchParams, sortField: string, dirField: string) {
  return rankingSortFrom({ sort: readChoice(params, sortField, RANKING_SORT_KEYS), dir: readChoice(params, dirField, SORT_DIRS) });
}

const RESOLUTIONS = ['hour', 'day', 'month'] as const;
/** at most the points the series procedure serves (server/trpc/routers/values.ts) */
const MAX_POINTS: Record<Resolution, number> = { hour: 24 * 92, day: 366 * 3, month: 12 * 20 };
const RESOLUTION_MS: Record<Resolution, number> = { hour: 3600e3, day: 86400e3, month: 2629800e3 };

/**
 * A trend's window as the page resolved it (`from`, `to` as ISO instants, `resolution`); without
 * them, the 12 months up to this one, as the page shows by default for a monthly KPI.
 */
function readWindow(params: URLSearchParams, now: Date): { from: Date; to: Date; resolution: Resolution } {
  const resolution = readChoice(params, 'resolution', RESOLUTIONS);
  const instant = (field: 'from' | 'to'): Date | undefined => {
    const raw = params.get(field);
    if (raw === null || raw === '') return undefined;
    const d = new Date(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) throw paramError(field, `phải là một thời điểm ISO 8601, ví dụ 2026-01-01T00:00:00+07:00; nhận được «${raw}»`, `must be an ISO 8601 instant, e.g. 2026-01-01T00:00:00+07:00; got "${raw}"`);
    return d;
  };
  const from = instant('from');
  const to = instant('to');
  if (!from || !to || !resolution) {
    const end = addPeriods(periodStart('month', now), 'month', 1);
    return { from: addPeriods(end, 'month', -12), to: end, resolution: 'month' };
  }
  if (from >= to) throw paramError('from', 'phải trước «to»', 'must be before "to"');
  if ((to.getTime() - from.getTime()) / RESOLUTION_MS[resolution] > MAX_POINTS[resolution]) throw paramError('resolution', 'khoảng thời gian quá dài cho độ chi tiết này', 'range too long for this resolution');
  return { from, to, resolution };
}

// ——— shared pieces ———

function kpiHeader(app: AppContext, kpi: KpiDefinition, locale: ExportLocale) {
  return { id: kpi.id, name: kpi.name[locale], definition: kpi.description[locale], method: describeMethod(kpi, app.catalogue.get)[locale], unitOfMeasure: KPI_UNIT_NAMES[kpi.unit][locale] };
}

const t = (req: ExportRequest, text: Text) => text[req.locale];

function valueColumn(req: ExportRequest, kpi: KpiDefinition, key = 'value', label: Text = EXPORT_TEXT.value): ExportColumn {
  return { key, label: `${t(req, label)} (${KPI_UNIT_NAMES[kpi.unit][req.locale]})`, type: 'number', decimals: kpi.decimals, width: 16 };
}

function rankingTable(req: ExportRequest, kpi: KpiDefinition, title: Text, nameLabel: Text, children: readonly RankedChild[]): ExportTable {
  const rows = children.map(
    (c): ExportRow => ({
      rank: c.rank,
      code: c.code,
      name: c.name,
      value: c.value,
      previousValue: c.previousValue,
      change: c.value !== null && c.previousValue !== null ? c.value - c.previousValue : null,
      band: c.band ? BAND_LABELS[c.band][req.locale] : null,
    }),
  );
  return {
    title: t(req, title),
    columns: [
      { key: 'rank', label: t(req, EXPORT_TEXT.rank), type: 'integer', width: 7 },
      { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code' },
      { key: 'name', label: t(req, nameLabel), type: 'text' },
      valueColumn(req, kpi),
      valueColumn(req, kpi, 'previousValue', EXPORT_TEXT.previousValue),
      { key: 'change', label: t(req, EXPORT_TEXT.change), type: 'number', decimals: kpi.decimals },
      { key: 'band', label: t(req, EXPORT_TEXT.band), type: 'text', width: 14 },
    ],
    rows,
    expectedRows: rows.length,
  };
}

/** A horizontal bar per unit, best at the top: the ranking as one picture. */
/** Numbers on a chart as the page writes them: 65,4 in Vietnamese. */
const chartNumber = (locale: ExportLocale, decimals: number) => (v: number | { value: number }) => formatNumber(typeof v === 'number' ? v : v.value, decimals, locale);
const axisNumber = (locale: ExportLocale) => (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 1, locale);

function rankingChart(locale: ExportLocale, title: string, decimals: number, rows: ReadonlyArray<{ name: string; value: number | null }>): ExportChart {
  const shown = rows.filter((r) => r.value !== null).reverse();
  const round = (v: number) => Number(v.toFixed(decimals));
  return {
    width: 760,
    height: Math.max(240, 70 + shown.length * 19),
    option: {
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 130, right: 56, top: 44, bottom: 24 },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#e5e7eb' } }, axisLabel: { formatter: axisNumber(locale) } },
      yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { fontSize: 11 } },
      series: [{ type: 'bar', data: shown.map((r) => round(r.value!)), itemStyle: { color: '#1d4ed8' }, label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: number }) => chartNumber(locale, decimals)(p.value) } }],
    },
  };
}

/** The overview's map as the page draws it (shared/map/provinceMapOption.ts), titled: the provinces in their bands. */
function mapChart(locale: ExportLocale, title: string, kpi: KpiDefinition, rows: readonly RankedChild[]): ExportChart {
  const option = provinceMapOption({ kpi, locale, theme: { text: '#1f2937', fontSize: 12 }, values: rows.map((r) => ({ code: r.code, name: r.name, value: r.value, band: r.band })) });
  return {
    width: 760,
    height: 900,
    option: {
      ...option,
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      // below the title, the legend in the bottom-left corner (open sea)
      geo: { ...option.geo, layoutCenter: ['50%', '52%'], layoutSize: '92%' },
    },
  };
}

function trendChart(locale: ExportLocale, title: string, kpi: KpiDefinition, resolution: Resolution, points: ReadonlyArray<{ period: Date; value: number | null }>): ExportChart {
  const round = (v: number | null) => (v === null ? null : Number(v.toFixed(kpi.decimals)));
  return {
    width: 760,
    height: 340,
    option: {
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: points.map((p) => periodLabel(resolution, p.period)), axisLabel: { fontSize: 10 } },
      // the target's dashed line stays in view, wherever the values are
      yAxis: {
        type: 'value',
        scale: true,
        min: (v: { min: number }) => Math.floor(Math.min(v.min, kpi.target.value)),
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, kpi.target.value)),
        splitLine: { lineStyle: { color: '#e5e7eb' } },
        axisLabel: { formatter: axisNumber(locale) },
      },
      series: [
        {
          type: 'line',
          data: points.map((p) => round(p.value)),
          showSymbol: points.length <= 40,
          lineStyle: { width: 2, color: '#1d4ed8' },
          itemStyle: { color: '#1d4ed8' },
          markLine: { silent: true, symbol: 'none', label: { formatter: formatNumber(kpi.target.value, kpi.decimals, locale), fontSize: 10 }, lineStyle: { type: 'dashed', color: '#15803d' }, data: [{ yAxis: kpi.target.value }] },
        },
      ],
    },
  };
}

function trendTable(req: ExportRequest, kpi: KpiDefinition, resolution: Resolution, points: ReadonlyArray<{ period: Date; value: number | null }>): ExportTable {
  const rows = points.map((p): ExportRow => ({ period: periodLabel(resolution, p.period), start: p.period, value: p.value }));
  return {
    title: t(req, EXPORT_TEXT.trendTable),
    columns: [
      { key: 'period', label: t(req, EXPORT_TEXT.period), type: 'code', width: 18 },
      { key: 'start', label: t(req, EXPORT_TEXT.periodStart), type: 'date' },
      valueColumn(req, kpi),
    ],
    rows,
    expectedRows: rows.length,
  };
}

function windowLabel(w: { from: Date; to: Date; resolution: Resolution }): string {
  return `${periodLabel('day', w.from)} – ${periodLabel('day', new Date(w.to.getTime() - 1))}`;
}

function fileName(...parts: string[]): string {
  return parts
    .join('_')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^0-9A-Za-z_-]+/g, '-');
}

const isNationWide = (req: ExportRequest) => req.principal.scopeUnitId === req.app.orgUnits().nation.id;
const visible = (req: ExportRequest) => (unit: { orgUnitId: number }) => canSee(req.app.orgUnits(), req.principal, req.app.orgUnits().get(unit.orgUnitId));
const scopeFilter = (req: ExportRequest) => ({ label: t(req, EXPORT_TEXT.scope), value: isNationWide(req) ? t(req, EXPORT_TEXT.nation) : req.app.orgUnits().get(req.principal.scopeUnitId).name });
const header = (req: ExportRequest, rest: Pick<ExportDocument['header'], 'filters' | 'dataAsOf' | 'dataAsOfLabel'> & { kpi?: ExportDocument['header']['kpi'] }) => ({ ...rest, generatedAt: req.now, generatedBy: req.who });
const scopeNotes = (req: ExportRequest) => (isNationWide(req) ? [] : [t(req, EXPORT_TEXT.noteScope)]);

// ——— the views ———

const overview: ExportView = {
  params: ['kpi'],
  async build(req) {
    const { app } = req;
    const kpi = readKpi(app, req.params, 'kpi', 'service_index');
    const ranking = await getChildRanking(app, { kpiId: kpi.id, parentId: app.orgUnits().nation.id, asOf: req.now });
    const children = ranking.children.filter(visible(req));
    const title = `${t(req, EXPORT_TEXT.overviewTitle)} — ${kpi.name[req.locale]}`;
    return {
      locale: req.locale,
      title,
      fileName: fileName('tong-quan', kpi.id, ranking.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.period) : ''),
      header: header(req, { kpi: kpiHeader(app, kpi, req.locale), filters: [scopeFilter(req)], dataAsOf: ranking.period, dataAsOfLabel: ranking.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.period) : '—' }),
      tables: [rankingTable(req, kpi, EXPORT_TEXT.provincesTable, EXPORT_TEXT.province, children)],
      chart: mapChart(req.locale, kpi.name[req.locale], kpi, children),
      notes: [t(req, EXPORT_TEXT.noteSameNumbers), ...scopeNotes(req)],
    };
  },
};

const scorecard: ExportView = {
  params: ['region', 'sort', 'dir'],
  async build(req) {
    const { app } = req;
    const region = readChoice(req.params, 'region', Object.keys(REGIONS) as RegionId[]);
    const data = await getScorecard(app, { asOf: req.now });
    const groupIds = data.groups.map((g) => g.id);
    // the page's sort (shared/tableSort.ts); a column the page does not have is refused by name
    const sort = scorecardSortFrom({ sort: readChoice(req.params, 'sort', [...SCORECARD_FIXED_SORTS, ...groupIds]), dir: readChoice(req.params, 'dir', SORT_DIRS) }, groupIds);
    const sortKey = sort.key;
    const dir = sort.dir;
    const kpi = app.catalogue.get('service_index');
    const regionName = (r: RegionId | null) => (r === null ? '' : REGIONS[r][req.locale]);
    // sorted by the attainment column, the file has it too (the forecasts are the page's, cached)
    const attainment = sortKey === 'attainment' ? new Map((await getAttainmentByChildren(app, { parentId: app.orgUnits().nation.id, kpiId: kpi.id })).map((a) => [a.orgUnitId, a.probability])) : undefined;
    const rows = sortScorecard(
      data.rows.filter((r) => (region === undefined || r.region === region) && visible(req)(r)),
      sort,
      { locale: req.locale, regionName, ...(attainment ? { attainment } : {}) },
    );
    const period = data.period ? periodLabel(periodUnitOf(kpi.frequency), data.period) : '—';
    const sortLabel = sortKey === 'index' ? t(req, EXPORT_TEXT.index) : (data.groups.find((g) => g.id === sortKey)?.name[req.locale] ?? t(req, EXPORT_TEXT[sortKey as (typeof SCORECARD_FIXED_SORTS)[number]]));
    const table: ExportTable = {
      title: t(req, EXPORT_TEXT.provincesTable),
      columns: [
        { key: 'rank', label: t(req, EXPORT_TEXT.rank), type: 'integer', width: 7 },
        { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code' },
        { key: 'name', label: t(req, EXPORT_TEXT.province), type: 'text', width: 20 },
        { key: 'region', label: t(req, EXPORT_TEXT.region), type: 'text', width: 22 },
        { key: 'index', label: t(req, EXPORT_TEXT.index), type: 'number', decimals: kpi.decimals },
        ...data.groups.map((g): ExportColumn => ({ key: `group:${g.id}`, label: `${g.name[req.locale]} (${g.weight} ${t(req, EXPORT_TEXT.points)})`, type: 'number', decimals: kpi.decimals })),
        { key: 'change', label: t(req, EXPORT_TEXT.change), type: 'number', decimals: kpi.decimals },
        { key: 'band', label: t(req, EXPORT_TEXT.band), type: 'text', width: 12 },
        ...(attainment ? [{ key: 'attainment', label: t(req, EXPORT_TEXT.attainment), type: 'number', decimals: 0 } satisfies ExportColumn] : []),
      ],
      rows: rows.map(
        (r): ExportRow => ({
          rank: r.rank,
          code: r.code,
          name: r.name,
          region: regionName(r.region),
          index: r.index,
          ...Object.fromEntries(r.groups.map((g) => [`group:${g.id}`, g.score])),
          change: r.index !== null && r.previousIndex !== null ? r.index - r.previousIndex : null,
          band: r.band ? BAND_LABELS[r.band][req.locale] : null,
          ...(attainment ? { attainment: ((p) => (p === null || p === undefined ? null : p * 100))(attainment.get(r.orgUnitId)) } : {}),
        }),
      ),
      expectedRows: rows.length,
    };
    return {
      locale: req.locale,
      title: t(req, EXPORT_TEXT.scorecardTitle),
      fileName: fileName('bang-xep-hang', period, region ?? ''),
      header: header(req, {
        kpi: kpiHeader(app, kpi, req.locale),
        filters: [
          { label: t(req, EXPORT_TEXT.region), value: region ? REGIONS[region][req.locale] : t(req, EXPORT_TEXT.allRegions) },
          { label: t(req, EXPORT_TEXT.sort), value: `${sortLabel}, ${t(req, dir === 'asc' ? EXPORT_TEXT.ascending : EXPORT_TEXT.descending)}` },
          scopeFilter(req),
        ],
        dataAsOf: data.period,
        dataAsOfLabel: period,
      }),
      tables: [table],
      chart: rankingChart(req.locale, t(req, EXPORT_TEXT.index), kpi.decimals, rows.map((r) => ({ name: r.name, value: r.index }))),
      notes: [t(req, EXPORT_TEXT.noteScorecard), t(req, EXPORT_TEXT.noteSameNumbers), ...scopeNotes(req)],
    };
  },
};

const province: ExportView = {
  params: ['code', 'kpi', 'ckpi', 'from', 'to', 'resolution', 'csort', 'cdir'],
  async build(req) {
    const { app } = req;
    const unit = readProvince(app, req.params, 'code', true)!;
    const communeSort = readRankingSort(req.params, 'csort', 'cdir');
    requireCan(canSee(app.orgUnits(), req.principal, unit), { vi: `xuất số liệu của ${unit.name}`, en: `export ${unit.name}'s data` });
    const kpi = readKpi(app, req.params, 'kpi', 'service_index');
    const communeKpi = req.params.get('ckpi') ? readKpi(app, req.params, 'ckpi') : app.catalogue.all.find((k) => k.submittedAt === 'commune');
    const window = readWindow(req.params, req.now);
    const [points, communes] = await Promise.all([
      getSeries(app, { kpiId: kpi.id, orgUnitId: unit.id, ...window }),
      communeKpi ? getChildRanking(app, { kpiId: communeKpi.id, parentId: unit.id, asOf: req.now }) : undefined,
    ]);
    const last = points.at(-1)?.period ?? null;
    const tables = [trendTable(req, kpi, window.resolution, points)];
    if (communeKpi && communes) tables.push(rankingTable(req, communeKpi, { vi: `${EXPORT_TEXT.communesTable.vi}: ${communeKpi.name.vi}`, en: `${EXPORT_TEXT.communesTable.en}: ${communeKpi.name.en}` }, EXPORT_TEXT.commune, sortRanking(communes.children.filter(visible(req)), communeSort, req.locale, communeKpi.decimals)));
    return {
      locale: req.locale,
      title: `${unit.name}: ${kpi.name[req.locale]}`,
      fileName: fileName(unit.code, kpi.id),
      header: header(req, {
        kpi: kpiHeader(app, kpi, req.locale),
        filters: [
          { label: t(req, EXPORT_TEXT.unit), value: `${unit.name} (${unit.code})` },
          { label: t(req, EXPORT_TEXT.range), value: windowLabel(window) },
          ...(communeKpi ? [{ label: t(req, EXPORT_TEXT.communesKpi), value: `${communeKpi.name[req.locale]} (${communeKpi.id})` }] : []),
        ],
        dataAsOf: last,
        dataAsOfLabel: last ? periodLabel(window.resolution, last) : '—',
      }),
      tables,
      chart: trendChart(req.locale, `${unit.name} — ${kpi.name[req.locale]}`, kpi, window.resolution, points),
      notes: [t(req, EXPORT_TEXT.noteSameNumbers)],
    };
  },
};

const kpiView: ExportView = {
  params: ['id', 'from', 'to', 'resolution', 'sort', 'dir'],
  async build(req) {
    const { app } = req;
    const kpi = readKpi(app, req.params, 'id');
    const sort = readRankingSort(req.params, 'sort', 'dir');
    const nation = app.orgUnits().nation;
    const window = readWindow(req.params, req.now);
    const nationWide = isNationWide(req);
    const [points, ranking] = await Promise.all([
      nationWide ? getSeries(app, { kpiId: kpi.id, orgUnitId: nation.id, ...window }) : Promise.resolve([]),
      getChildRanking(app, { kpiId: kpi.id, parentId: nation.id, asOf: req.now }),
    ]);
    const provinces = ranking.children.filter(visible(req));
    return {
      locale: req.locale,
      title: `${t(req, EXPORT_TEXT.kpiTitle)}: ${kpi.name[req.locale]}`,
      fileName: fileName('chi-so', kpi.id),
      header: header(req, {
        kpi: kpiHeader(app, kpi, req.locale),
        filters: [{ label: t(req, EXPORT_TEXT.range), value: windowLabel(window) }, scopeFilter(req)],
        dataAsOf: ranking.period,
        dataAsOfLabel: ranking.period ? periodLabel(periodUnitOf(kpi.frequency), ranking.period) : '—',
      }),
      tables: [...(nationWide ? [trendTable(req, kpi, window.resolution, points)] : []), rankingTable(req, kpi, EXPORT_TEXT.provincesTable, EXPORT_TEXT.province, sortRanking(provinces, sort, req.locale, kpi.decimals))],
      chart: nationWide ? trendChart(req.locale, `${t(req, EXPORT_TEXT.nation)} — ${kpi.name[req.locale]}`, kpi, window.resolution, points) : rankingChart(req.locale, kpi.name[req.locale], kpi.decimals, provinces),
      notes: [t(req, EXPORT_TEXT.noteSameNumbers), ...(nationWide ? [] : [t(req, EXPORT_TEXT.noteNationTrend), t(req, EXPORT_TEXT.noteScope)])],
    };
  },
};

const completeness: ExportView = {
  params: ['frequency', 'level', 'period', 'province'],
  async build(req) {
    const { app } = req;
    const frequency: Frequency = readChoice(req.params, 'frequency', FREQUENCIES) ?? 'monthly';
    const level: SubmittingLevel = readChoice(req.params, 'level', SUBMITTING_LEVELS) ?? 'commune';
    const rawPeriod = req.params.get('period');
    const period = rawPeriod ? parsePeriod(rawPeriod, periodUnitOf(frequency)) : addPeriods(periodStart(periodUnitOf(frequency), req.now), periodUnitOf(frequency), -1);
    if (!period) throw paramError('period', `không đọc được kỳ «${rawPeriod}» (ví dụ 2026-10, 2026-Q3, 2026-11-27)`, `cannot read the period "${rawPeriod}" (e.g. 2026-10, 2026-Q3, 2026-11-27)`);
    const focus = readProvince(app, req.params, 'province', false);
    const data = await getCompleteness(app, req.principal, { frequency, level, period, ...(focus ? { provinceId: focus.id } : {}), now: req.now });
    const pct = (r: number | null) => (r === null ? null : r * 100);
    const countColumns = (): ExportColumn[] => [
      { key: 'expected', label: t(req, EXPORT_TEXT.expected), type: 'integer' },
      { key: 'submitted', label: t(req, EXPORT_TEXT.submitted), type: 'integer' },
      { key: 'onTime', label: t(req, EXPORT_TEXT.onTime), type: 'integer' },
      { key: 'late', label: t(req, EXPORT_TEXT.late), type: 'integer' },
      { key: 'missing', label: t(req, EXPORT_TEXT.missing), type: 'integer' },
      { key: 'reportingRate', label: t(req, EXPORT_TEXT.reportingRate), type: 'number', decimals: 1 },
      { key: 'onTimeRate', label: t(req, EXPORT_TEXT.onTimeRate), type: 'number', decimals: 1 },
    ];
    const counts = (c: (typeof data.provinces)[number] | (typeof data.units)[number]) => ({
      expected: c.expected,
      submitted: c.submitted,
      onTime: c.onTime,
      late: c.late,
      missing: c.missing,
      reportingRate: pct(c.reportingRate),
      onTimeRate: pct(c.onTimeRate),
    });
    const tables: ExportTable[] = [
      {
        title: t(req, EXPORT_TEXT.provincesTable),
        columns: [
          { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code' },
          { key: 'name', label: t(req, EXPORT_TEXT.province), type: 'text', width: 20 },
          { key: 'units', label: t(req, EXPORT_TEXT.units), type: 'integer' },
          { key: 'unitsComplete', label: t(req, EXPORT_TEXT.unitsComplete), type: 'integer' },
          ...countColumns(),
        ],
        rows: data.provinces.map((p): ExportRow => ({ code: p.code, name: p.name, units: p.units, unitsComplete: p.unitsComplete, ...counts(p) })),
        expectedRows: data.provinces.length,
      },
    ];
    if (data.units.length) {
      tables.push({
        title: t(req, EXPORT_TEXT.unitsTable),
        columns: [
          { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code' },
          { key: 'name', label: t(req, EXPORT_TEXT.unit), type: 'text', width: 22 },
          ...countColumns(),
          { key: 'deadline', label: t(req, EXPORT_TEXT.deadline), type: 'date' },
        ],
        rows: data.units.map((u): ExportRow => ({ code: u.code, name: u.name, ...counts(u), deadline: u.deadline })),
        expectedRows: data.units.length,
      });
    }
    const periodText = periodLabel(periodUnitOf(frequency), data.periodStart);
    const setText = `${FREQUENCY_LABELS[frequency][req.locale]}, ${t(req, level === 'province' ? EXPORT_TEXT.levelProvince : EXPORT_TEXT.levelCommune)}: ${data.kpis.map((k) => k.name[req.locale]).join('; ')}`;
    const chartRows = data.provinces.map((p) => ({ name: p.name, value: pct(p.reportingRate) }));
    return {
      locale: req.locale,
      title: `${t(req, EXPORT_TEXT.completenessTitle)} — ${periodText}`,
      fileName: fileName('tien-do-bao-cao', frequency, level, periodText, focus?.code ?? ''),
      header: header(req, {
        filters: [
          { label: t(req, EXPORT_TEXT.kpiSet), value: setText },
          { label: t(req, EXPORT_TEXT.period), value: periodText },
          ...(focus ? [{ label: t(req, EXPORT_TEXT.province), value: `${focus.name} (${focus.code})` }] : []),
          scopeFilter(req),
        ],
        dataAsOf: data.periodStart,
        dataAsOfLabel: periodText,
      }),
      tables,
      chart: rankingChart(req.locale, t(req, EXPORT_TEXT.reportingRate), 1, chartRows),
      notes: [t(req, EXPORT_TEXT.noteCompleteness), ...scopeNotes(req)],
    };
  },
};

/** the longest window of the commune export, in months */
const MAX_COMMUNE_MONTHS = 36;

/**
 * One KPI for every commune in the user's scope, month by month (quarter by quarter for a
 * quarterly KPI): at most 3,321 communes × 36 months. Read a province at a time with the same
 * roll-up sums and rule (valueFromSums) as getSeries for a commune, and written as read.
 */
const communes: ExportView = {
  params: ['kpi', 'months', 'province'],
  async build(req) {
    const { app } = req;
    const tree = app.orgUnits();
    const kpi = readKpi(app, req.params, 'kpi', app.catalogue.all.find((k) => k.submittedAt === 'commune' && k.measure.kind !== 'composite')?.id);
    if (kpi.measure.kind === 'composite' || kpi.submittedAt !== 'commune') throw paramError('kpi', `chỉ số «${kpi.id}» không do xã báo cáo; hãy chọn một chỉ số cấp xã`, `"${kpi.id}" is not reported by communes; choose a commune KPI`);
    const measured = kpi as MeasuredKpi;
    const rawMonths = req.params.get('months');
    const months = rawMonths ? Number(rawMonths) : 24;
    if (!Number.isInteger(months) || months < 1 || months > MAX_COMMUNE_MONTHS) throw paramError('months', `phải là số nguyên từ 1 đến ${MAX_COMMUNE_MONTHS}; nhận được «${rawMonths}»`, `must be a whole number from 1 to ${MAX_COMMUNE_MONTHS}; got "${rawMonths}"`);
    const only = readProvince(app, req.params, 'province', false);
    if (only) requireCan(canSee(tree, req.principal, only), { vi: `xuất số liệu của ${only.name}`, en: `export ${only.name}'s data` });

    const granularity: PeriodUnit = measured.frequency === 'quarterly' ? 'quarter' : 'month';
    const to = addPeriods(periodStart(granularity, req.now), granularity, 1);
    const from = addPeriods(periodStart('month', to), 'month', -months);
    const periods: Date[] = [];
    for (let p = periodStart(granularity, from); p < to; p = addPeriods(p, granularity, 1)) periods.push(p);
    const scope = tree.get(req.principal.scopeUnitId);
    const provinces = (only ? [only] : tree.provinces()).filter((p) => canSee(tree, req.principal, p) || (scope.level === 'commune' && scope.provinceId === p.id));
    const communesOf = (p: OrgUnit) => tree.childrenOf(p.id).filter((c) => canSee(tree, req.principal, c));
    const expectedRows = provinces.reduce((n, p) => n + communesOf(p).length, 0) * periods.length;

    async function* rows(): AsyncGenerator<ExportRow> {
      for (const p of provinces) {
        const sums = await getChildSums(app.db, { kpiIds: [measured.id], granularity, parent: { level: 'province', provinceId: p.id }, from: periods[0]!, to });
        const byKey = new Map(sums.map((s) => [`${s.child_id}|${s.period.getTime()}`, s]));
        for (const c of communesOf(p)) {
          for (const period of periods) {
            const s = byKey.get(`${c.id}|${period.getTime()}`);
            yield { province: p.name, code: c.code, name: c.name, period: periodLabel(granularity, period), value: s ? valueFromSums(measured.measure, s.num, s.den) : null, band: s ? BAND_LABELS[bandFor(kpi, valueFromSums(measured.measure, s.num, s.den) ?? 0)][req.locale] : null };
          }
        }
      }
    }
    return {
      locale: req.locale,
      title: `${t(req, EXPORT_TEXT.communesTitle)} — ${kpi.name[req.locale]}`,
      fileName: fileName('cac-xa', kpi.id, `${months}-thang`, only?.code ?? ''),
      header: header(req, {
        kpi: kpiHeader(app, kpi, req.locale),
        filters: [
          { label: t(req, EXPORT_TEXT.range), value: `${periodLabel(granularity, periods[0]!)} – ${periodLabel(granularity, periods.at(-1)!)}` },
          { label: t(req, EXPORT_TEXT.months), value: String(months) },
          ...(only ? [{ label: t(req, EXPORT_TEXT.province), value: `${only.name} (${only.code})` }] : []),
          scopeFilter(req),
        ],
        dataAsOf: periods.at(-1)!,
        dataAsOfLabel: periodLabel(granularity, periods.at(-1)!),
      }),
      tables: [
        {
          title: t(req, EXPORT_TEXT.valuesTable),
          columns: [
            { key: 'province', label: t(req, EXPORT_TEXT.province), type: 'text', width: 16 },
            { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code' },
            { key: 'name', label: t(req, EXPORT_TEXT.commune), type: 'text', width: 22 },
            { key: 'period', label: t(req, EXPORT_TEXT.period), type: 'code' },
            valueColumn(req, kpi),
            { key: 'band', label: t(req, EXPORT_TEXT.band), type: 'text', width: 12 },
          ],
          rows: rows(),
          expectedRows,
        },
      ],
      notes: [t(req, EXPORT_TEXT.noteSameNumbers), ...scopeNotes(req)],
    };
  },
};

// ——— the forecast view (/plan) ———

/** units on one chart at most (the forecast router's and the page's bound) */
const PLAN_MAX_UNITS = 8;
const PLAN_INTERVALS = ['both', '80', '95'] as const satisfies readonly PlanInterval[];
const VERDICT_TEXT: Record<ForecastVerdict, Text> = { ok: EXPORT_TEXT.planVerdictOk, too_short: EXPORT_TEXT.planVerdictTooShort, too_noisy: EXPORT_TEXT.planVerdictTooNoisy };
const MODEL_TEXT: Record<string, Text> = { mstl_ets: EXPORT_TEXT.modelMstlEts, auto_ets: EXPORT_TEXT.modelAutoEts, seasonal_naive: EXPORT_TEXT.modelSeasonalNaive, naive: EXPORT_TEXT.modelNaive };
const TRANSFORM_TEXT: Record<'none' | 'log' | 'logit', Text> = { none: EXPORT_TEXT.transformNone, log: EXPORT_TEXT.transformLog, logit: EXPORT_TEXT.transformLogit };
const INTERVAL_TEXT: Record<PlanInterval, Text> = { both: EXPORT_TEXT.planIntervalBoth, '80': EXPORT_TEXT.planInterval80, '95': EXPORT_TEXT.planInterval95 };

/** The page's units (`units`: codes of the nation or of provinces, comma-separated), each one the user may see. */
function readPlanUnits(req: ExportRequest): OrgUnit[] {
  const tree = req.app.orgUnits();
  const raw = req.params.get('units');
  if (raw === null || raw === '') {
    // as the page starts: the user's own province (a commune's user: theirs), else the nation
    const scope = tree.get(req.principal.scopeUnitId);
    return [scope.level === 'commune' && scope.provinceId !== null ? tree.get(scope.provinceId) : scope];
  }
  const codes = raw.split(',').map((c) => c.trim());
  if (codes.length > PLAN_MAX_UNITS) throw paramError('units', `so sánh tối đa ${PLAN_MAX_UNITS} đơn vị; nhận được ${codes.length}`, `at most ${PLAN_MAX_UNITS} units; got ${codes.length}`);
  const units: OrgUnit[] = [];
  for (const code of codes) {
    const unit = tree.byCodeOrUndefined(code);
    if (!unit || (unit.level !== 'nation' && unit.level !== 'province')) throw paramError('units', `không có toàn quốc hay tỉnh, thành phố mã «${code}»`, `neither the nation nor a province has the code "${code}"`);
    if (!units.includes(unit)) units.push(unit);
  }
  for (const unit of units) requireCan(canSee(tree, req.principal, unit), { vi: `xuất dự báo của ${unitName(req, unit)}`, en: `export ${unitName(req, unit)}'s forecast` });
  return units;
}

const unitName = (req: ExportRequest, unit: OrgUnit) => (unit.level === 'nation' ? t(req, EXPORT_TEXT.nation) : unit.name);

function readHorizon(req: ExportRequest, frequency: Frequency): number {
  const raw = req.params.get('horizon');
  if (raw === null || raw === '') return DEFAULT_HORIZON[frequency];
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_HORIZON[frequency]) throw paramError('horizon', `phải là số nguyên từ 1 đến ${MAX_HORIZON[frequency]} (kỳ của chỉ số); nhận được «${raw}»`, `must be a whole number from 1 to ${MAX_HORIZON[frequency]} (the KPI's periods); got "${raw}"`);
  return n;
}

/**
 * A KPI's forecast for up to eight units, as /plan shows it: the same getForecast the `forecast`
 * router serves (so the file holds the page's numbers), the history the chart shows and every
 * forecast period with its median and the intervals chosen, the backtest and model per unit, the
 * fan chart drawn by the page's own option builder (shared/plan/fanChartOption.ts), and the method
 * notes of server/forecast/ (calibration.ts, transforms.ts, tetEffect.ts) in words.
 */
const plan: ExportView = {
  params: ['kpi', 'units', 'horizon', 'interval'],
  async build(req) {
    const { app } = req;
    const kpi = readKpi(app, req.params, 'kpi', 'service_index');
    const units = readPlanUnits(req);
    const horizon = readHorizon(req, kpi.frequency);
    const interval: PlanInterval = readChoice(req.params, 'interval', PLAN_INTERVALS) ?? 'both';
    const result = await getForecast(app, { kpiId: kpi.id, orgUnitIds: units.map((u) => u.id), horizon });
    const granularity = periodUnitOf(result.frequency);
    const byUnit = new Map<number, UnitForecast>(result.units.map((u) => [u.orgUnitId, u]));
    const show80 = interval !== '95';
    const show95 = interval !== '80';

    // the unit of measure is in the header block: short headers leave the PDF's name column its room
    const bound = (key: string, label: Text): ExportColumn => ({ key, label: t(req, label), type: 'number', decimals: kpi.decimals, width: 13 });
    const rows: ExportRow[] = [];
    for (const unit of units) {
      const f = byUnit.get(unit.id)!;
      const base = { code: unit.code, name: unitName(req, unit) };
      for (const p of f.history.slice(-HISTORY_SHOWN[result.frequency])) rows.push({ ...base, period: periodLabel(granularity, p.period), kind: t(req, EXPORT_TEXT.planActual), value: p.value, mean: null, lo80: null, hi80: null, lo95: null, hi95: null });
      for (const p of f.forecast) rows.push({ ...base, period: periodLabel(granularity, p.period), kind: t(req, EXPORT_TEXT.planForecast), value: null, mean: p.mean, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 });
    }
    const valuesTable: ExportTable = {
      title: t(req, EXPORT_TEXT.planTable),
      columns: [
        { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code', width: 6 },
        { key: 'name', label: t(req, EXPORT_TEXT.unit), type: 'text', width: 16 },
        { key: 'period', label: t(req, EXPORT_TEXT.period), type: 'code', width: 11 },
        { key: 'kind', label: t(req, EXPORT_TEXT.planKind), type: 'text', width: 9 },
        bound('value', EXPORT_TEXT.planActual),
        bound('mean', EXPORT_TEXT.planMean),
        ...(show80 ? [bound('lo80', EXPORT_TEXT.planLo80), bound('hi80', EXPORT_TEXT.planHi80)] : []),
        ...(show95 ? [bound('lo95', EXPORT_TEXT.planLo95), bound('hi95', EXPORT_TEXT.planHi95)] : []),
      ],
      rows,
      expectedRows: rows.length,
    };

    const pct = (share: number | undefined) => (share === undefined ? null : share * 100);
    const quality = units.map((unit): ExportRow => {
      const f = byUnit.get(unit.id)!;
      const m = f.model;
      const b = f.backtest;
      const span = f.needed !== undefined ? t(req, EXPORT_TEXT.planHistoryNeeded).replace('{have}', String(f.history.length)).replace('{needed}', String(f.needed)) : t(req, EXPORT_TEXT.planHistoryHave).replace('{have}', String(f.history.length));
      const verdict = `${t(req, VERDICT_TEXT[f.verdict])} (${span})`;
      const model = m
        ? [
            MODEL_TEXT[m.id] ? t(req, MODEL_TEXT[m.id]!) : m.id,
            `${t(req, EXPORT_TEXT.planTransform).toLowerCase()} ${t(req, TRANSFORM_TEXT[m.transform])}`,
            ...(m.seasonLengths.length ? [`${t(req, EXPORT_TEXT.planSeasons).toLowerCase()} ${m.seasonLengths.map((n) => formatNumber(n, Number.isInteger(n) ? 0 : 2, req.locale)).join(', ')}`] : []),
            ...(m.tet ? [t(req, EXPORT_TEXT.planTet).toLowerCase()] : []),
          ].join('; ')
        : null;
      return {
        code: unit.code,
        name: unitName(req, unit),
        verdict,
        model,
        points: b?.points ?? null,
        mape: b?.mape ?? null,
        mase: b?.mase ?? null,
        baselineMape: b?.baselineMape ?? null,
        coverage80: pct(b?.coverage80),
        coverage95: pct(b?.coverage95),
        widening80: m?.intervalWidening ?? null,
        widening95: m ? (m.intervalWidening95 ?? m.intervalWidening) : null,
      };
    });
    const qualityTable: ExportTable = {
      title: t(req, EXPORT_TEXT.planBacktestTable),
      columns: [
        { key: 'code', label: t(req, EXPORT_TEXT.code), type: 'code', width: 6 },
        { key: 'name', label: t(req, EXPORT_TEXT.unit), type: 'text', width: 16 },
        { key: 'verdict', label: t(req, EXPORT_TEXT.planVerdict), type: 'text', width: 24 },
        { key: 'model', label: t(req, EXPORT_TEXT.planModel), type: 'text', width: 36 },
        { key: 'points', label: t(req, EXPORT_TEXT.planPoints), type: 'integer' },
        { key: 'mape', label: t(req, EXPORT_TEXT.planMape), type: 'number', decimals: 1 },
        { key: 'mase', label: t(req, EXPORT_TEXT.planMase), type: 'number', decimals: 2 },
        { key: 'baselineMape', label: t(req, EXPORT_TEXT.planBaselineMape), type: 'number', decimals: 1 },
        { key: 'coverage80', label: t(req, EXPORT_TEXT.planCoverage80), type: 'number', decimals: 0 },
        { key: 'coverage95', label: t(req, EXPORT_TEXT.planCoverage95), type: 'number', decimals: 0 },
        { key: 'widening80', label: t(req, EXPORT_TEXT.planWidening80), type: 'number', decimals: 2 },
        { key: 'widening95', label: t(req, EXPORT_TEXT.planWidening95), type: 'number', decimals: 2 },
      ],
      rows: quality,
      expectedRows: quality.length,
    };

    const fanUnits = units.map((u, i) => ({ id: u.id, name: unitName(req, u), color: UNIT_COLORS[i % UNIT_COLORS.length]! }));
    const option = fanChartOption({
      result,
      units: fanUnits,
      interval,
      kpi,
      theme: { text: '#1f2937', muted: '#6b7280', border: '#e5e7eb', fontSize: 11 },
      locale: req.locale,
      text: {
        target: t(req, EXPORT_TEXT.planTarget),
        forecastStart: t(req, EXPORT_TEXT.planForecastStart),
        actual: t(req, EXPORT_TEXT.planActual),
        forecast: t(req, EXPORT_TEXT.planForecast),
        band80: t(req, EXPORT_TEXT.planBand80),
        band95: t(req, EXPORT_TEXT.planBand95),
        unit: KPI_UNIT_LABELS[kpi.unit][req.locale],
      },
    });
    // the page's option with a title above it (the page has its own heading), the legend below the title
    const { tooltip: _hover, legend, grid, ...drawn } = option as { tooltip: unknown; legend: Record<string, unknown>; grid: { top: number } } & Record<string, unknown>;
    const horizonText = `${horizon} ${t(req, EXPORT_TEXT.planHorizonUnit)}`;
    const chart: ExportChart = {
      width: 760,
      height: 380,
      option: {
        ...drawn,
        title: { text: `${kpi.name[req.locale]} · ${t(req, EXPORT_TEXT.planHorizon).toLowerCase()} ${horizonText}`, left: 'center', textStyle: { fontSize: 14 } },
        legend: legend.show === false ? legend : { ...legend, top: 34 },
        grid: { ...grid, top: grid.top + 40 },
      },
    };

    const last = result.units.flatMap((u) => u.history.slice(-1).map((p) => p.period.getTime()));
    const dataAsOf = last.length ? new Date(Math.max(...last)) : null;
    const anyTet = result.units.some((u) => u.model?.tet);
    return {
      locale: req.locale,
      title: `${t(req, EXPORT_TEXT.planTitle)}: ${kpi.name[req.locale]}`,
      fileName: fileName('du-bao', kpi.id, units.map((u) => u.code).join('-'), `${horizon}`),
      header: header(req, {
        kpi: kpiHeader(app, kpi, req.locale),
        filters: [
          { label: t(req, EXPORT_TEXT.planUnits), value: units.map((u) => `${unitName(req, u)} (${u.code})`).join('; ') },
          { label: t(req, EXPORT_TEXT.planHorizon), value: horizonText },
          { label: t(req, EXPORT_TEXT.planInterval), value: t(req, INTERVAL_TEXT[interval]) },
          { label: t(req, EXPORT_TEXT.planForecastMadeAt), value: formatDateTime(result.asOf, req.locale) },
          scopeFilter(req),
        ],
        dataAsOf,
        dataAsOfLabel: dataAsOf ? periodLabel(granularity, dataAsOf) : '—',
      }),
      tables: [valuesTable, qualityTable],
      chart,
      notes: [
        t(req, EXPORT_TEXT.notePlanBacktest),
        t(req, EXPORT_TEXT.notePlanCalibration),
        t(req, EXPORT_TEXT.notePlanTransform),
        ...(result.frequency === 'daily' || anyTet ? [t(req, EXPORT_TEXT.notePlanTet)] : []),
        t(req, EXPORT_TEXT.notePlanAggregate),
        t(req, EXPORT_TEXT.noteSameNumbers),
      ],
    };
  },
};

export const EXPORT_VIEWS: Readonly<Record<string, ExportView>> = { overview, scorecard, province, kpi: kpiView, completeness, communes, plan };
export type ExportViewId = 'overview' | 'scorecard' | 'province' | 'kpi' | 'completeness' | 'communes' | 'plan';

/** The view's document for a request, its parameters checked first (unknown ones refused by name). */
export async function buildExportDocument(view: string, req: ExportRequest): Promise<ExportDocument> {
  const found = Object.hasOwn(EXPORT_VIEWS, view) ? EXPORT_VIEWS[view] : undefined;
  if (!found) throw paramError('view', `không có trang «${view}» để xuất; dùng ${Object.keys(EXPORT_VIEWS).join(', ')}`, `no view "${view}" to export; use ${Object.keys(EXPORT_VIEWS).join(', ')}`);
  refuseUnknownParameters(req.params, [...found.params, 'format', 'lang']);
  return found.build(req);
}
