/**
 * The rows of an uploaded report file (CSV or XLSX), checked on their own: KPI, unit (by code,
 * or by its exact name among the units the uploader may submit for), period, the KPI's inputs
 * (text read by parseUserNumber), duplicates within the file. What needs the database (reports already
 * approved, the unit's history for outliers) is checked afterwards by the bulk report service.
 * Pure: the clock and the permission rule are passed in. Messages are Vietnamese and English.
 */
import type { KpiCatalogue } from '../../kpi-definitions';
import type { RowProblem } from '../errors';
import type { MeasuredKpi, SubmittingLevel } from '../../kpi-definitions/schema';
import { valueFromSums } from './aggregate';
import { describeUnit } from './describeUnit';
import type { OrgUnit, OrgUnitTree } from './orgUnitTree';
import { formatPeriod, parsePeriod, PERIOD_FORMATS } from './parsePeriod';
import type { UserNumberContext } from './parseUserNumber';
import { unitNameIndex, type UnitNameIndex } from './unitNameIndex';
import { INPUT_FIELDS, parseNumber, validateKpiInputs, type InputField } from './validateKpiInputs';
import { periodUnitOf } from './periods';

/** The columns of a report file, in template order. */
export const REPORT_FILE_COLUMNS = ['kpiId', 'orgUnitCode', 'period', 'numerator', 'denominator', 'value', 'weight', 'explanation'] as const;
export type ReportFileColumn = (typeof REPORT_FILE_COLUMNS)[number];

/** A cell as read from the file: text (CSV), or a number or date from a spreadsheet. */
export type ReportFileCell = string | number | Date;

/** One data row of the file. */
export interface ReportFileRow {
  /** 1-based line (CSV) or row number (XLSX) in the file, header included */
  line: number;
  cells: Partial<Record<ReportFileColumn, ReportFileCell>>;
}

/** A row that passed every check made here. */
export interface PreparedReportRow {
  index: number;
  line: number;
  kpi: MeasuredKpi;
  unit: OrgUnit;
  periodStart: Date;
  /** the inputs as numbers, only those the KPI uses */
  inputs: Partial<Record<InputField, number>>;
  /** additive parts stored as the measurement */
  parts: { num: number; den: number };
  /** the KPI value the row gives (for the outlier test); null when it has none (0 of 0) */
  value: number | null;
  explanation: string | null;
}

export interface ReportRowContext {
  catalogue: KpiCatalogue;
  tree: OrgUnitTree;
  /** whether the uploader may submit for the unit (server/auth/permissions.ts `canSubmit`) */
  maySubmit: (unit: OrgUnit) => boolean;
  now: Date;
  /** the earliest period accepted (the app's measurement window); older ones are mistyped */
  earliest: Date;
  /** how the file's text numbers are read (a semicolon CSV has a decimal comma) */
  numbers?: UserNumberContext;
}

/** Explanations longer than this are refused (the form takes as much). */
export const MAX_EXPLANATION_LENGTH = 2000;

/**
 * What the template's example row writes as its explanation. A file that still has the example
 * row is refused at that row, so that the example never lands as data.
 */
export const EXAMPLE_ROW_MARKER = 'VÍ DỤ - xoá dòng này / EXAMPLE - delete this row';

const LEVEL_NAMES: Record<SubmittingLevel, { vi: string; en: string }> = {
  province: { vi: 'cấp tỉnh', en: 'provincial level' },
  commune: { vi: 'cấp xã', en: 'commune level' },
};

/** Official codes: two digits for a province, five for a commune. */
const CODE_WIDTH: Record<SubmittingLevel, number> = { province: 2, commune: 5 };

/** A cell as trimmed text; '' for an empty cell. Whole numbers print without a decimal point. */
function text(cell: ReportFileCell | undefined): string {
  if (cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * The unit a code names. A spreadsheet drops the leading zeros of a code typed as a number
 * (`00004` becomes `4`), so an all-digit code that names no unit is read again padded to the
 * width of codes at the KPI's level.
 */
function findUnit(tree: OrgUnitTree, code: string, level: SubmittingLevel | undefined): OrgUnit | undefined {
  const unit = tree.byCodeOrUndefined(code);
  if (unit || !level || !/^\d+$/.test(code)) return unit;
  return tree.byCodeOrUndefined(code.padStart(CODE_WIDTH[level], '0'));
}

/**
 * The units the uploader may submit for, by name, at one level (or at both when the KPI is not
 * known), built when a row first names a unit instead of giving its code.
 */
function namesInScope(ctx: ReportRowContext): (level: SubmittingLevel | undefined) => UnitNameIndex {
  const built = new Map<string, UnitNameIndex>();
  return (level) => {
    const key = level ?? 'any';
    let index = built.get(key);
    if (!index) {
      const units = ctx.tree.provinces().flatMap((p) => [p, ...ctx.tree.childrenOf(p.id)]);
      index = unitNameIndex(units.filter((u) => u.active && (level ? u.level === level : true) && ctx.maySubmit(u)));
      built.set(key, index);
    }
    return index;
  };
}

/** Units named in a message: at most this many, then how many more. */
const MAX_UNITS_LISTED = 5;

function listUnits(tree: OrgUnitTree, units: readonly OrgUnit[], lang: 'vi' | 'en'): string {
  const shown = units.slice(0, MAX_UNITS_LISTED).map((u) => describeUnit(tree, u)[lang]).join('; ');
  const more = units.length - MAX_UNITS_LISTED;
  if (more <= 0) return shown;
  return lang === 'vi' ? `${shown} và ${more} đơn vị khác` : `${shown} and ${more} more`;
}

/** Every row checked; the rows without a problem are returned prepared for the next checks. */
export function validateReportRows(
  rows: readonly ReportFileRow[],
  ctx: ReportRowContext,
): { prepared: PreparedReportRow[]; problems: Array<RowProblem<ReportFileColumn | 'row'>> } {
  const prepared: PreparedReportRow[] = [];
  const problems: Array<RowProblem<ReportFileColumn | 'row'>> = [];
  /** kpi|unit|period → the line that first named it */
  const seen = new Map<string, number>();
  const nowMs = ctx.now.getTime();
  const names = namesInScope(ctx);

  rows.forEach(({ line, cells }, index) => {
    const before = problems.length;
    const fail = (field: ReportFileColumn | 'row', code: string, vi: string, en: string) => {
      problems.push({ index, line, field, code, message: { vi, en } });
    };

    // The KPI
    const kpiId = text(cells.kpiId);
    let kpi: MeasuredKpi | undefined;
    if (kpiId === '') {
      fail('kpiId', 'required', 'Thiếu mã chỉ số', 'KPI id is missing');
    } else {
      const found = ctx.catalogue.byId.get(kpiId);
      if (!found) fail('kpiId', 'unknown_kpi', `Không có chỉ số «${kpiId}»`, `Unknown KPI "${kpiId}"`);
      else if (found.measure.kind === 'composite') {
        fail('kpiId', 'composite_not_submitted', `«${found.name.vi}» là chỉ số tổng hợp, được tính tự động, không nộp trực tiếp`, `"${found.name.en}" is a composite index, computed, not submitted`);
      } else kpi = found as MeasuredKpi;
    }

    // The unit: known, inside the uploader's scope, active, at the KPI's level
    const code = text(cells.orgUnitCode);
    let unit: OrgUnit | undefined;
    if (code === '') {
      fail('orgUnitCode', 'required', 'Thiếu mã đơn vị', 'Org unit code is missing');
    } else {
      let found = findUnit(ctx.tree, code, kpi?.submittedAt);
      if (!found) {
        const named = names(kpi?.submittedAt).exact(code);
        if (named.length === 1) found = named[0];
        else if (named.length > 1) {
          fail(
            'orgUnitCode',
            'ambiguous_org_unit',
            `Có ${named.length} đơn vị tên «${code}»: ${listUnits(ctx.tree, named, 'vi')}; hãy ghi mã đơn vị`,
            `${named.length} units are named "${code}": ${listUnits(ctx.tree, named, 'en')}; write the unit's code`,
          );
        } else {
          const near = names(kpi?.submittedAt).near(code);
          fail(
            'orgUnitCode',
            'unknown_org_unit',
            `Không có đơn vị mã hoặc tên «${code}» trong phạm vi của bạn${near.length ? `; có phải: ${listUnits(ctx.tree, near, 'vi')}?` : ''}`,
            `No unit in your scope has the code or name "${code}"${near.length ? `; did you mean: ${listUnits(ctx.tree, near, 'en')}?` : ''}`,
          );
        }
      }
      if (found) {
        const unitName = describeUnit(ctx.tree, found);
        if (!ctx.maySubmit(found)) fail('orgUnitCode', 'out_of_scope', `Bạn không có quyền nộp số liệu cho ${unitName.vi}`, `You may not submit data for ${unitName.en}`);
        else if (!found.active) fail('orgUnitCode', 'inactive_org_unit', `${unitName.vi} không còn hoạt động`, `${unitName.en} is no longer active`);
        else if (kpi && found.level !== kpi.submittedAt) {
          const lvl = LEVEL_NAMES[kpi.submittedAt];
          fail('orgUnitCode', 'wrong_level', `Chỉ số «${kpi.name.vi}» do đơn vị ${lvl.vi} nộp; ${unitName.vi} không thuộc ${lvl.vi}`, `"${kpi.name.en}" is submitted at ${lvl.en}; ${unitName.en} is not`);
        } else unit = found;
      }
    }

    // The period, written the way the KPI's frequency asks
    const rawPeriod = cells.period;
    let periodStart: Date | null = null;
    if (rawPeriod === undefined || text(rawPeriod) === '') {
      fail('period', 'required', 'Thiếu kỳ báo cáo', 'Reporting period is missing');
    } else if (kpi) {
      const format = PERIOD_FORMATS[periodUnitOf(kpi.frequency)];
      periodStart = parsePeriod(typeof rawPeriod === 'number' ? String(rawPeriod) : rawPeriod, periodUnitOf(kpi.frequency));
      if (!periodStart) {
        fail(
          'period',
          'invalid_period',
          `Kỳ «${text(rawPeriod)}» không hợp lệ: chỉ số «${kpi.name.vi}» báo cáo theo dạng ${format.pattern}, ví dụ ${[format.example, ...format.alternatives].join(' hoặc ')}`,
          `Invalid period "${text(rawPeriod)}": "${kpi.name.en}" is reported as ${format.pattern}, e.g. ${[format.example, ...format.alternatives].join(' or ')}`,
        );
      } else if (periodStart.getTime() > nowMs) {
        fail('period', 'future_period', `Kỳ ${formatPeriod(periodUnitOf(kpi.frequency), periodStart)} chưa bắt đầu`, `Period ${formatPeriod(periodUnitOf(kpi.frequency), periodStart)} has not started`);
        periodStart = null;
      } else if (periodStart.getTime() < ctx.earliest.getTime()) {
        fail(
          'period',
          'too_old',
          `Kỳ ${formatPeriod(periodUnitOf(kpi.frequency), periodStart)} quá xa (trước ${formatPeriod('day', ctx.earliest)}): có thể gõ nhầm năm`,
          `Period ${formatPeriod(periodUnitOf(kpi.frequency), periodStart)} is too far back (before ${formatPeriod('day', ctx.earliest)}): probably a mistyped year`,
        );
        periodStart = null;
      }
    }

    // The numbers the KPI asks for
    let parts: { num: number; den: number } | null = null;
    const inputs: Partial<Record<InputField, number>> = {};
    if (kpi) {
      const raw: Partial<Record<InputField, unknown>> = {};
      for (const f of INPUT_FIELDS) raw[f] = typeof cells[f] === 'string' ? cells[f].trim() : cells[f];
      const checked = validateKpiInputs(kpi, raw, ctx.numbers);
      for (const e of checked.errors) fail(e.field, e.code, e.message.vi, e.message.en);
      parts = checked.parts;
      for (const f of INPUT_FIELDS) {
        const n = parseNumber(raw[f], ctx.numbers);
        if (typeof n === 'number') inputs[f] = n;
      }
    }

    const explanation = text(cells.explanation) || null;
    if (explanation === EXAMPLE_ROW_MARKER) {
      fail('row', 'example_row', 'Đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này', 'This is the template’s example row: delete it');
    } else if (explanation && explanation.length > MAX_EXPLANATION_LENGTH) {
      fail('explanation', 'too_long', `Giải trình dài tối đa ${MAX_EXPLANATION_LENGTH} ký tự`, `The explanation may have at most ${MAX_EXPLANATION_LENGTH} characters`);
    }

    if (problems.length > before || !kpi || !unit || !periodStart || !parts) return;

    const key = `${kpi.id}|${unit.id}|${periodStart.getTime()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail('period', 'duplicate', `Trùng với dòng ${first}: cùng chỉ số, đơn vị và kỳ`, `Duplicates line ${first}: same KPI, org unit and period`);
      return;
    }
    seen.set(key, line);
    prepared.push({ index, line, kpi, unit, periodStart, inputs, parts, value: valueFromSums(kpi.measure, parts.num, parts.den), explanation });
  });

  return { prepared, problems };
}
