/**
 * Reads an open-data request's parameters (the API's query string and the public pages' GET
 * forms alike), with an error that names the field and the problem in Vietnamese and English.
 */
import type { AppContext } from '../appContext';
import type { Frequency } from '../../kpi-definitions/schema';
import { parsePeriod, PERIOD_FORMATS } from '../../shared/domain/parsePeriod';
import { addPeriods, localYear, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import type { OpenLocale } from '../../shared/openData/texts';
import { MAX_OPEN_CELLS, MAX_OPEN_UNITS, latestPublishedPeriod, periodsOf, periodStarts, resolveUnits, type OpenValuesQuery, type UnitSelection } from './openData';

export const OPEN_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];
/** `semicolon`: ";" between fields and "," as the decimal mark, as Excel reads CSV under Vietnamese settings; `comma`: RFC 4180 with a decimal point. */
export const CSV_SEPARATORS = ['semicolon', 'comma'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** A bad parameter: the field it is about travels with the error to the body the client reads. */
export class OpenDataParamError extends AppError {
  readonly field: string;
  constructor(field: string, message: { vi: string; en: string }) {
    super('BAD_REQUEST', { vi: `Tham số «${field}»: ${message.vi}`, en: `Parameter "${field}": ${message.en}` });
    this.field = field;
  }

  override toBody() {
    const body = super.toBody();
    return { error: { ...body.error, field: this.field } };
  }
}

export interface OpenValuesRequest {
  query: OpenValuesQuery;
  format: OpenFormat;
  separator: CsvSeparator;
  locale: OpenLocale;
}

type Params = Pick<URLSearchParams, 'get' | 'keys'>;

export const VALUES_PARAMETERS = ['kpi', 'unit', 'period', 'year', 'from', 'to', 'format', 'separator', 'lang'] as const;
const MAX_CODES = 100;
const EARLIEST_YEAR = 2000;

function oneOf<T extends string>(params: Params, field: string, allowed: readonly T[], fallback: T): T {
  const raw = params.get(field);
  if (raw === null || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new OpenDataParamError(field, { vi: `phải là một trong ${allowed.join(', ')}; nhận được «${raw}»`, en: `must be one of ${allowed.join(', ')}; got "${raw}"` });
  }
  return raw as T;
}

/** Refuses a parameter the endpoint does not know (a typo would otherwise be silently ignored). */
export function refuseUnknownParameters(params: Params, known: readonly string[]): void {
  for (const name of params.keys()) {
    if (!known.includes(name)) {
      throw new OpenDataParamError(name, { vi: `không có tham số này; dùng ${known.join(', ')}`, en: `no such parameter; use ${known.join(', ')}` });
    }
  }
}

export function readLocale(params: Params): OpenLocale {
  return oneOf(params, 'lang', ['vi', 'en'], 'vi');
}

/** `unit`: VN (the nation), provinces (all 34), communes:79 (a province's communes), or codes separated by commas (01,79). */
function readUnits(app: AppContext, params: Params): UnitSelection {
  const raw = (params.get('unit') ?? '').trim() || 'provinces';
  const tree = app.orgUnits();
  if (raw === 'VN' || raw === tree.nation.code) return { kind: 'nation' };
  if (raw === 'provinces') return { kind: 'provinces' };
  const communes = /^communes:(.+)$/.exec(raw);
  if (communes) {
    const province = tree.byCodeOrUndefined(communes[1]!);
    if (province?.level !== 'province') {
      throw new OpenDataParamError('unit', { vi: `không có tỉnh, thành phố mã «${communes[1]}»`, en: `no province has the code "${communes[1]}"` });
    }
    return { kind: 'communes', provinceCode: province.code };
  }
  const codes = raw.split(',').map((c) => c.trim());
  if (codes.length > MAX_CODES) {
    throw new OpenDataParamError('unit', { vi: `tối đa ${MAX_CODES} mã đơn vị; có ${codes.length}`, en: `at most ${MAX_CODES} unit codes; got ${codes.length}` });
  }
  for (const code of codes) {
    if (!tree.byCodeOrUndefined(code)) {
      throw new OpenDataParamError('unit', {
        vi: `không có đơn vị mã «${code}»; dùng VN, provinces, communes:<mã tỉnh> hoặc các mã đơn vị cách nhau bởi dấu phẩy`,
        en: `no unit has the code "${code}"; use VN, provinces, communes:<province code> or unit codes separated by commas`,
      });
    }
  }
  return { kind: 'codes', codes: [...new Set(codes)] };
}

function readPeriodBound(params: Params, field: 'from' | 'to', period: Frequency): Date {
  const raw = params.get(field)!;
  const start = parsePeriod(raw, periodUnitOf(period));
  const format = PERIOD_FORMATS[periodUnitOf(period)];
  if (!start) {
    throw new OpenDataParamError(field, {
      vi: `«${raw}» không phải một kỳ ${period === 'daily' ? 'ngày' : period === 'monthly' ? 'tháng' : 'quý'}; viết ${format.pattern}, ví dụ ${format.example}`,
      en: `"${raw}" is not a ${period === 'daily' ? 'day' : period === 'monthly' ? 'month' : 'quarter'}; write ${format.pattern}, e.g. ${format.example}`,
    });
  }
  return start;
}

/** The periods asked for: `year` (all its periods), or `from` and `to` (inclusive), or by default the year of the newest published period. */
function readRange(params: Params, period: Frequency, defaultYear: number): { from: Date; to: Date } {
  const year = params.get('year');
  const from = params.get('from');
  const to = params.get('to');
  if (year !== null && year !== '' && (from || to)) {
    throw new OpenDataParamError('year', { vi: 'dùng «year» hoặc «from» và «to», không dùng cả hai', en: 'give either "year" or "from" and "to", not both' });
  }
  if (from || to) {
    if (!from) throw new OpenDataParamError('from', { vi: 'thiếu kỳ bắt đầu (đã có «to»)', en: 'missing ("to" is given)' });
    if (!to) throw new OpenDataParamError('to', { vi: 'thiếu kỳ kết thúc (đã có «from»)', en: 'missing ("from" is given)' });
    const range = { from: readPeriodBound(params, 'from', period), to: readPeriodBound(params, 'to', period) };
    if (range.from > range.to) throw new OpenDataParamError('from', { vi: `kỳ bắt đầu «${from}» sau kỳ kết thúc «${to}»`, en: `"${from}" is after "to" ("${to}")` });
    if (range.from.getUTCFullYear() < EARLIEST_YEAR) throw new OpenDataParamError('from', { vi: `không trước năm ${EARLIEST_YEAR}`, en: `not before ${EARLIEST_YEAR}` });
    return range;
  }
  const y = year === null || year === '' ? defaultYear : /^\d{4}$/.test(year) ? Number(year) : Number.NaN;
  if (!(y >= EARLIEST_YEAR && y <= 9999)) {
    throw new OpenDataParamError('year', { vi: `phải là năm bốn chữ số từ ${EARLIEST_YEAR}; nhận được «${year}»`, en: `must be a four-digit year from ${EARLIEST_YEAR}; got "${year}"` });
  }
  const first = parsePeriod(`${y}-01-01`, 'day')!;
  const unit = periodUnitOf(period);
  return { from: periodStart(unit, first), to: periodStart(unit, addPeriods(addPeriods(first, 'month', 12), 'day', -1)) };
}

/** The year (local) an instant falls in. */

/** Reads and checks a request for values; throws OpenDataParamError naming the first bad field. */
export function readOpenValuesRequest(app: AppContext, params: Params, now: Date): OpenValuesRequest {
  refuseUnknownParameters(params, VALUES_PARAMETERS);
  const locale = readLocale(params);
  const kpiId = params.get('kpi');
  if (!kpiId) throw new OpenDataParamError('kpi', { vi: 'bắt buộc: mã chỉ số, ví dụ dossiers_on_time (xem /api/v1/open/kpis)', en: 'required: a KPI id, e.g. dossiers_on_time (see /api/v1/open/kpis)' });
  const kpi = app.catalogue.byId.get(kpiId);
  if (!kpi) throw new OpenDataParamError('kpi', { vi: `không có chỉ số «${kpiId}» (xem /api/v1/open/kpis)`, en: `no KPI "${kpiId}" (see /api/v1/open/kpis)` });
  const period = oneOf(params, 'period', periodsOf(kpi), kpi.frequency);
  const units = readUnits(app, params);
  const { from, to } = readRange(params, period, localYear(latestPublishedPeriod(kpi, periodUnitOf(period), now)));
  const format = oneOf(params, 'format', OPEN_FORMATS, 'json');
  const separator = oneOf(params, 'separator', CSV_SEPARATORS, 'semicolon');

  const unitCount = resolveUnits(app, units).length;
  if (unitCount > MAX_OPEN_UNITS) {
    throw new OpenDataParamError('unit', { vi: `tối đa ${MAX_OPEN_UNITS} đơn vị một lần; yêu cầu này có ${unitCount}`, en: `at most ${MAX_OPEN_UNITS} units at once; this asks for ${unitCount}` });
  }
  const cells = unitCount * periodStarts(periodUnitOf(period), from, to).length;
  if (cells > MAX_OPEN_CELLS) {
    const field = params.get('year') ? 'year' : params.get('from') ? 'from' : 'unit';
    throw new OpenDataParamError(field, {
      vi: `tối đa ${MAX_OPEN_CELLS.toLocaleString('vi-VN')} giá trị (đơn vị × kỳ) một lần; yêu cầu này có ${cells.toLocaleString('vi-VN')}: chọn khoảng ngắn hơn, ít đơn vị hơn hoặc kỳ tháng`,
      en: `at most ${MAX_OPEN_CELLS.toLocaleString('en-GB')} values (units × periods) at once; this asks for ${cells.toLocaleString('en-GB')}: choose a shorter range, fewer units or monthly periods`,
    });
  }
  return { query: { kpiId: kpi.id, units, period, from, to }, format, separator, locale };
}
