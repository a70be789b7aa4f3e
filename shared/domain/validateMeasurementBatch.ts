/**
 * Validates a batch of submitted measurements against the KPI catalogue and the org-unit tree.
 * Pure: no I/O, the clock is passed in. A batch is accepted whole or refused with every bad row's
 * index, field and reason in Vietnamese and English.
 */
import { isCalendarDateText } from './calendarDate';
import type { KpiCatalogue } from '../../kpi-definitions';
import type { KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import type { RowProblem } from '../errors';
import { validateKpiInputs, type InputProblemCode } from './validateKpiInputs';
import type { OrgUnitTree } from './orgUnitTree';

/** One row as it arrives (JSON body, CSV line or form): anything may be missing or mistyped. */
export interface MeasurementInput {
  kpiId?: unknown;
  orgUnitCode?: unknown;
  /** ISO 8601 instant with a zone (2026-11-27T08:00:00+07:00) or a local date (2026-11-27) */
  time?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  value?: unknown;
  weight?: unknown;
}

export const MEASUREMENT_FIELDS = ['kpiId', 'orgUnitCode', 'time', 'numerator', 'denominator', 'value', 'weight'] as const;
export type MeasurementField = (typeof MEASUREMENT_FIELDS)[number];

/** A row ready to store. */
export interface ValidMeasurement {
  kpiId: string;
  orgUnitId: number;
  provinceId: number;
  ts: Date;
  num: number;
  den: number;
}

export type MeasurementProblemCode =
  | 'required'
  | 'unknown_field'
  | 'unknown_kpi'
  | 'composite_not_submitted'
  | 'unknown_org_unit'
  | 'inactive_org_unit'
  | 'wrong_level'
  | 'out_of_scope'
  | 'invalid_time'
  | 'future_time'
  | 'too_old'
  | 'control_character'
  | InputProblemCode
  | 'duplicate';

/** index: the 0-based position of the row in the batch */
export type BatchValidation = { ok: true; rows: ValidMeasurement[] } | { ok: false; errors: Array<RowProblem<MeasurementField | 'row', MeasurementProblemCode>> };

export interface ValidationContext {
  catalogue: KpiCatalogue;
  tree: OrgUnitTree;
  /** the org unit whose subtree the sender may write to */
  scopeUnitId: number;
  now: Date;
  /** how far in the future a timestamp may be, for senders whose clocks run fast; ms */
  clockSkewMs?: number;
  /** the earliest time accepted; EARLIEST_MEASUREMENT by default */
  earliest?: Date;
}

const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * No KPI here has data before 2000: an older time is a typo (1970 from a zero timestamp, 0026 for
 * 2026) and would land in a period no one looks at, or beyond what the database can store.
 */
export const EARLIEST_MEASUREMENT = new Date('2000-01-01T00:00:00+07:00');

/** NUL and the other C0/C1 control characters (tab, line feed and carriage return are allowed). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether text holds a control character that no field of a form or a file should carry. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

const LEVEL_NAMES = {
  province: { vi: 'cấp tỉnh', en: 'provincial level' },
  commune: { vi: 'cấp xã', en: 'commune level' },
} as const;

/** A local date or a zoned instant; a bare date is local midnight in Asia/Ho_Chi_Minh. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseTime(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const zoned = DATE_ONLY.test(text) ? `${text}T00:00:00+07:00` : ZONED_INSTANT.test(text) ? text : null;
  if (!zoned || !isCalendarDateText(text)) return null;
  const d = new Date(zoned);
  return Number.isNaN(d.getTime()) ? null : d;
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(MEASUREMENT_FIELDS);

/**
 * Checks every row; a batch of 100,000 rows is checked in the request's event loop, so the loop
 * allocates nothing per row beyond what a valid row needs (no closure, the keys read once), and a
 * time text is parsed once per batch (a feed's rows share a few instants).
 */
export function validateMeasurementBatch(inputs: readonly unknown[], ctx: ValidationContext): BatchValidation {
  const errors: Array<RowProblem<MeasurementField | 'row', MeasurementProblemCode>> = [];
  const rows: ValidMeasurement[] = [];
  const seen = new Map<string, number>();
  const latestAllowed = ctx.now.getTime() + (ctx.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS);
  const earliest = ctx.earliest ?? EARLIEST_MEASUREMENT;
  const earliestText = earliest.toISOString().slice(0, 10);
  /** a time text's instant (ms), or null when it is not a time */
  const parsedTimes = new Map<string, number | null>();
  let index = -1;
  const fail = (field: MeasurementField | 'row', code: MeasurementProblemCode, vi: string, en: string) => {
    errors.push({ index, field, code, message: { vi, en } });
  };

  for (const raw of inputs) {
    index += 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      fail('row', 'required', 'Dòng phải là một đối tượng có các trường của chỉ số', 'Row must be an object with the KPI fields');
      continue;
    }
    const input = raw as Record<string, unknown>;
    const before = errors.length;
    const keys = Object.keys(input);

    // Control characters are refused before anything else reads the text (PostgreSQL refuses NUL).
    for (const key of keys) {
      const value = input[key];
      if (typeof value === 'string' && hasControlCharacter(value)) {
        const field = KNOWN_FIELDS.has(key) ? (key as MeasurementField) : 'row';
        fail(field, 'control_character', `Trường «${key}» chứa ký tự điều khiển (như NUL)`, `Field "${key}" holds a control character (such as NUL)`);
      }
    }
    if (errors.length > before) continue;

    for (const key of keys) {
      if (!KNOWN_FIELDS.has(key)) {
        fail('row', 'unknown_field', `Trường không được hỗ trợ: «${key}»`, `Unsupported field: "${key}"`);
      }
    }

    // The KPI
    let kpi: KpiDefinition | undefined;
    if (typeof input.kpiId !== 'string' || input.kpiId === '') {
      fail('kpiId', 'required', 'Thiếu mã chỉ số', 'KPI id is missing');
    } else {
      kpi = ctx.catalogue.byId.get(input.kpiId);
      if (!kpi) fail('kpiId', 'unknown_kpi', `Không có chỉ số «${input.kpiId}»`, `Unknown KPI "${input.kpiId}"`);
      else if (kpi.measure.kind === 'composite') {
        fail(
          'kpiId',
          'composite_not_submitted',
          `«${kpi.name.vi}» là chỉ số tổng hợp, được tính tự động, không nộp trực tiếp`,
          `"${kpi.name.en}" is a composite index, computed, not submitted`,
        );
        kpi = undefined;
      }
    }

    // The org unit: known, active, at the KPI's level, inside the sender's scope
    let unit = typeof input.orgUnitCode === 'string' ? ctx.tree.byCodeOrUndefined(input.orgUnitCode) : undefined;
    if (typeof input.orgUnitCode !== 'string' || input.orgUnitCode === '') {
      fail('orgUnitCode', 'required', 'Thiếu mã đơn vị', 'Org unit code is missing');
    } else if (!unit) {
      fail('orgUnitCode', 'unknown_org_unit', `Không có đơn vị mã «${input.orgUnitCode}»`, `Unknown org unit "${input.orgUnitCode}"`);
    } else if (!ctx.tree.isWithin(unit.id, ctx.scopeUnitId)) {
      fail('orgUnitCode', 'out_of_scope', `Bạn không có quyền nộp số liệu cho ${unit.name}`, `You may not submit data for ${unit.name}`);
      unit = undefined;
    } else if (!unit.active) {
      fail('orgUnitCode', 'inactive_org_unit', `${unit.name} không còn hoạt động`, `${unit.name} is no longer active`);
      unit = undefined;
    } else if (kpi && unit.level !== kpi.submittedAt) {
      const lvl = LEVEL_NAMES[kpi.submittedAt];
      fail(
        'orgUnitCode',
        'wrong_level',
        `Chỉ số «${kpi.name.vi}» do đơn vị ${lvl.vi} nộp; ${unit.name} không thuộc ${lvl.vi}`,
        `"${kpi.name.en}" is submitted at ${lvl.en}; ${unit.name} is not`,
      );
      unit = undefined;
    }

    // The time
    let ts: Date | null = null;
    if (input.time === undefined || input.time === null || input.time === '') {
      fail('time', 'required', 'Thiếu thời điểm', 'Time is missing');
    } else {
      if (typeof input.time === 'string') {
        let ms = parsedTimes.get(input.time);
        if (ms === undefined) {
          ms = parseTime(input.time)?.getTime() ?? null;
          parsedTimes.set(input.time, ms);
        }
        ts = ms === null ? null : new Date(ms);
      } else {
        ts = parseTime(input.time);
      }
      if (!ts) {
        fail(
          'time',
          'invalid_time',
          'Thời điểm không hợp lệ: dùng dạng 2026-11-27 hoặc 2026-11-27T08:00:00+07:00',
          'Invalid time: use 2026-11-27 or 2026-11-27T08:00:00+07:00',
        );
      } else if (ts.getTime() > latestAllowed) {
        fail('time', 'future_time', 'Thời điểm ở tương lai', 'Time is in the future');
        ts = null;
      } else if (ts.getTime() < earliest.getTime()) {
        fail('time', 'too_old', `Thời điểm trước ${earliestText}: kiểm tra lại năm`, `Time is before ${earliestText}: check the year`);
        ts = null;
      }
    }

    // The numbers this KPI asks for
    let parts: { num: number; den: number } | null = null;
    if (kpi && kpi.measure.kind !== 'composite') {
      // rows come from programs (JSON, CSV): a string "12.345" may mean 12.345, so it is refused as ambiguous
      const checked = validateKpiInputs(kpi as MeasuredKpi, input, { pointMayBeDecimal: true });
      for (const e of checked.errors) errors.push({ index, ...e });
      parts = checked.parts;
    }

    if (errors.length > before || !kpi || !unit || !ts || !parts || unit.provinceId === null) continue;

    const key = `${kpi.id}|${unit.id}|${ts.getTime()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(
        'time',
        'duplicate',
        `Trùng với dòng ${first + 1}: cùng chỉ số, đơn vị và thời điểm`,
        `Duplicates row ${first + 1}: same KPI, org unit and time`,
      );
      continue;
    }
    seen.set(key, index);
    rows.push({ kpiId: kpi.id, orgUnitId: unit.id, provinceId: unit.provinceId, ts, num: parts.num, den: parts.den });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
