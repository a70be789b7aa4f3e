/**
 * The file to fill in for a KPI set (a frequency and a submitting level): the header row the bulk
 * upload reads, one example row, and in the XLSX a "Hướng dẫn" (guide) sheet with the set's KPIs,
 * the inputs each one asks for with their valid ranges, and the units the user may submit for.
 */
import { appNow } from '../clock';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Frequency, KpiUnit, MeasuredKpi, SubmittingLevel } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { canSubmit } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { formatPeriod, PERIOD_FORMATS } from '../../shared/domain/parsePeriod';
import { formatUserNumber } from '../../shared/domain/parseUserNumber';
import { addPeriods, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { EXAMPLE_ROW_MARKER, REPORT_FILE_COLUMNS, type ReportFileColumn } from '../../shared/domain/validateReportRows';
import { INPUT_LABELS, inputSpecs, type InputField } from '../../shared/domain/validateKpiInputs';
import { AppError } from '../../shared/errors';

export type TemplateFormat = 'csv' | 'xlsx';

export interface ReportTemplate {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const KPI_UNIT_NAMES: Record<KpiUnit, { vi: string; en: string }> = {
  percent: { vi: 'phần trăm', en: 'percent' },
  hours: { vi: 'giờ', en: 'hours' },
  days: { vi: 'ngày', en: 'days' },
  vnd: { vi: 'đồng', en: 'Vietnamese đồng' },
  trips: { vi: 'lượt đi lại', en: 'trips' },
  score: { vi: 'điểm (thang 100)', en: 'score (0–100)' },
  points: { vi: 'điểm (thang 100)', en: 'points (of 100)' },
};

const FREQUENCY_NAMES: Record<Frequency, { vi: string; en: string }> = {
  daily: { vi: 'hằng ngày', en: 'daily' },
  monthly: { vi: 'hằng tháng', en: 'monthly' },
  quarterly: { vi: 'hằng quý', en: 'quarterly' },
};

const LEVEL_NAMES: Record<SubmittingLevel, { vi: string; en: string }> = {
  province: { vi: 'cấp tỉnh', en: 'provincial level' },
  commune: { vi: 'cấp xã', en: 'commune level' },
};

/** The KPIs of a set, in catalogue order. */
function kpiSet(app: AppContext, frequency: Frequency, level: SubmittingLevel): MeasuredKpi[] {
  return app.catalogue.measured.filter((k) => k.frequency === frequency && k.submittedAt === level);
}

/** The active units at `level` that the principal may submit for. */
function unitsInScope(app: AppContext, principal: Principal, level: SubmittingLevel): OrgUnit[] {
  const tree = app.orgUnits();
  const scope = tree.get(principal.scopeUnitId);
  const provinces = scope.level === 'nation' ? tree.provinces() : scope.level === 'province' ? [scope] : [];
  const candidates =
    level === 'province' ? provinces : scope.level === 'commune' ? [scope] : provinces.flatMap((p) => tree.childrenOf(p.id));
  return candidates.filter((u) => u.active && u.level === level && canSubmit(tree, principal, u));
}

/** Plausible inputs for the example row: the KPI's target, within its ranges. */
function exampleInputs(kpi: MeasuredKpi): Partial<Record<InputField, number>> {
  const clamp = (v: number, r: { min: number; max: number }, integer: boolean) => Math.min(r.max, Math.max(r.min, integer ? Math.round(v) : v));
  const m = kpi.measure;
  switch (m.kind) {
    case 'ratio': {
      const denominator = clamp(200, m.denominator.range, m.denominator.integer);
      const share = Math.min(1, Math.max(0, kpi.target.value / m.scale));
      return { numerator: clamp(share * denominator, m.numerator.range, m.numerator.integer), denominator };
    }
    case 'mean':
      return { value: clamp(kpi.target.value, m.value.range, m.value.integer), weight: clamp(40, m.weight.range, m.weight.integer) };
    case 'sum':
      return { value: clamp(kpi.target.value, m.value.range, m.value.integer) };
  }
}

function exampleRow(kpi: MeasuredKpi | undefined, unit: OrgUnit | undefined, frequency: Frequency): Array<string | number | null> {
  const period = formatPeriod(periodUnitOf(frequency), addPeriods(periodStart(periodUnitOf(frequency), appNow()), periodUnitOf(frequency), -1));
  const inputs = kpi ? exampleInputs(kpi) : {};
  const cells: Record<ReportFileColumn, string | number | null> = {
    kpiId: kpi?.id ?? null,
    orgUnitCode: unit?.code ?? null,
    period,
    numerator: inputs.numerator ?? null,
    denominator: inputs.denominator ?? null,
    value: inputs.value ?? null,
    weight: inputs.weight ?? null,
    explanation: EXAMPLE_ROW_MARKER,
  };
  return REPORT_FILE_COLUMNS.map((c) => cells[c]);
}

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** What the columns hold, for the guide. */
const COLUMN_HELP: Record<ReportFileColumn, { vi: string; en: string }> = {
  kpiId: { vi: 'Mã chỉ số (bảng dưới)', en: 'KPI id (table below)' },
  orgUnitCode: { vi: 'Mã đơn vị hành chính (bảng cuối)', en: 'Administrative unit code (last table)' },
  period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  numerator: { vi: 'Tử số, với chỉ số tỷ lệ', en: 'Numerator, for ratio KPIs' },
  denominator: { vi: 'Mẫu số, với chỉ số tỷ lệ', en: 'Denominator, for ratio KPIs' },
  value: { vi: 'Giá trị, với chỉ số bình quân hoặc tổng', en: 'Value, for mean or sum KPIs' },
  weight: { vi: 'Số quan sát của giá trị bình quân (không bắt buộc)', en: 'Observations behind a mean (optional)' },
  explanation: { vi: 'Giải trình, bắt buộc khi giá trị bất thường so với các kỳ trước', en: 'Explanation, required when the value is unusual against previous periods' },
};

export async function buildReportTemplate(
  app: AppContext,
  principal: Principal,
  q: { frequency: Frequency; level: SubmittingLevel; format: TemplateFormat },
): Promise<ReportTemplate> {
  const kpis = kpiSet(app, q.frequency, q.level);
  if (kpis.length === 0) {
    throw new AppError('NOT_FOUND', {
      vi: `Không có chỉ số nào báo cáo ${FREQUENCY_NAMES[q.frequency].vi} ở ${LEVEL_NAMES[q.level].vi}`,
      en: `No KPI is reported ${FREQUENCY_NAMES[q.frequency].en} at ${LEVEL_NAMES[q.level].en}`,
    });
  }
  const units = unitsInScope(app, principal, q.level);
  const example = exampleRow(kpis[0], units[0], q.frequency);
  const fileName = `lienthong-mau-${q.level === 'commune' ? 'xa' : 'tinh'}-${q.frequency}.${q.format}`;

  if (q.format === 'csv') {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    const cells = example.map((v) => (typeof v === 'number' ? formatUserNumber(v, '.') : v));
    const text = `\uFEFF${Papa.unparse({ fields: [...REPORT_FILE_COLUMNS], data: [cells] })}\r\n`;
    return { fileName, contentType: CONTENT_TYPES.csv, body: Buffer.from(text, 'utf8') };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liên Thông';
  const data = workbook.addWorksheet('Số liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = REPORT_FILE_COLUMNS.map((c) => ({
    key: c,
    width: c === 'explanation' ? 48 : c === 'kpiId' ? 34 : 14,
    // Codes keep their leading zeros and periods stay text instead of becoming dates.
    style: c === 'orgUnitCode' || c === 'period' || c === 'kpiId' ? { numFmt: '@' } : {},
  }));
  data.addRow([...REPORT_FILE_COLUMNS]).font = { bold: true };
  data.addRow(example);

  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 34 }, { width: 44 }, { width: 44 }, { width: 30 }, { width: 30 }, { width: 30 }];
  const title = (textVi: string, textEn: string) => {
    guide.addRow([]);
    guide.addRow([textVi, textEn]).font = { bold: true, size: 12 };
  };
  const format = PERIOD_FORMATS[periodUnitOf(q.frequency)];
  guide.addRow([`Mẫu nhập số liệu ${FREQUENCY_NAMES[q.frequency].vi}, ${LEVEL_NAMES[q.level].vi}`, `Data template, ${FREQUENCY_NAMES[q.frequency].en}, ${LEVEL_NAMES[q.level].en}`]).font = {
    bold: true,
    size: 14,
  };
  for (const [textVi, textEn] of [
    ['Mỗi dòng của trang «Số liệu» là một chỉ số của một đơn vị trong một kỳ.', 'Each row of the "Số liệu" sheet is one KPI of one unit for one period.'],
    [
      `Kỳ báo cáo ghi dạng ${format.pattern}, ví dụ ${format.example}; cũng nhận ${format.alternatives.join(' hoặc ')}.`,
      `Write the period as ${format.pattern}, e.g. ${format.example}; ${format.alternatives.join(' or ')} are read too.`,
    ],
    [
      'Số viết theo kiểu Việt Nam: dấu phẩy là dấu thập phân, dấu chấm hoặc dấu cách ngăn cách hàng nghìn (1.234,5 hoặc 1 234,5); 1.026 là một nghìn không trăm hai mươi sáu. Cũng nhận 1234.5 (dấu chấm không đứng trước đúng 3 chữ số) và 1,234.5. «1,234» không rõ nghĩa nên bị từ chối: viết 1234 hoặc 1.234 nếu là số nghìn, 1,2340 nếu là số thập phân. Ô số của Excel được đọc đúng như số. Tệp CSV ngăn cách bằng dấu chấm phẩy (;) được đọc với dấu phẩy thập phân.',
      'Numbers are read the Vietnamese way: a comma marks decimals, a point or a space groups thousands (1.234,5 or 1 234,5); 1.026 is one thousand and twenty-six. 1234.5 (a point not followed by exactly 3 digits) and 1,234.5 are read too. "1,234" is ambiguous and refused: write 1234 or 1.234 for thousands, 1,2340 for the decimal. Excel number cells are read as numbers. A CSV separated by semicolons (;) is read with decimal commas.',
    ],
    [
      'Cột orgUnitCode nhận mã đơn vị, hoặc tên đơn vị đúng như trong bảng cuối (ví dụ «Phường Mẫu 023»); khi hai đơn vị trùng tên, hãy ghi mã.',
      'The orgUnitCode column takes a unit code, or the unit name exactly as in the last table (e.g. "Phường Mẫu 023"); when two units share a name, write the code.',
    ],
    [
      'Dòng tiêu đề (kpiId, orgUnitCode, period, …) có thể nằm dưới các dòng tiêu đề của bảng; các dòng phía trên được bỏ qua.',
      'The header row (kpiId, orgUnitCode, period, …) may sit below title rows; the rows above it are ignored.',
    ],
    ['Xoá dòng ví dụ trước khi tải lên. Số liệu đã phê duyệt không sửa được bằng tệp.', 'Delete the example row before uploading. Approved data cannot be changed by a file.'],
    ['Tải lên sẽ kiểm tra mọi dòng trước khi ghi; chỉ ghi khi không còn lỗi nào.', 'The upload checks every row before writing; it writes only when no row has a problem.'],
  ]) guide.addRow([textVi, textEn]);

  title('Các cột', 'Columns');
  guide.addRow(['Cột / Column', 'Nội dung', 'Content']).font = { bold: true };
  for (const c of REPORT_FILE_COLUMNS) guide.addRow([c, COLUMN_HELP[c].vi, COLUMN_HELP[c].en]);

  title('Các chỉ số', 'KPIs');
  guide.addRow(['kpiId', 'Tên chỉ số', 'KPI name', 'Đơn vị tính / Unit', 'Cột cần nhập (khoảng hợp lệ)', 'Columns to fill (valid range)']).font = { bold: true };
  for (const kpi of kpis) {
    const specs = Object.entries(inputSpecs(kpi)) as Array<[InputField, NonNullable<ReturnType<typeof inputSpecs>[InputField]>]>;
    const describe = (lang: 'vi' | 'en') =>
      specs
        .map(([field, s]) => {
          const nf = lang === 'vi' ? vi : en;
          const range = `${nf.format(s.range.min)}–${nf.format(s.range.max)}`;
          const notes = [s.integer ? (lang === 'vi' ? 'số nguyên' : 'whole number') : null, s.optional ? (lang === 'vi' ? 'không bắt buộc' : 'optional') : null].filter(Boolean);
          return `${field} — ${INPUT_LABELS[field][lang]}: ${s.label[lang]} (${range}${notes.length ? `; ${notes.join(', ')}` : ''})`;
        })
        .join('\n');
    const row = guide.addRow([kpi.id, kpi.name.vi, kpi.name.en, `${KPI_UNIT_NAMES[kpi.unit].vi} / ${KPI_UNIT_NAMES[kpi.unit].en}`, describe('vi'), describe('en')]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }

  title('Đơn vị được nộp số liệu', 'Units you may submit for');
  guide.addRow(['orgUnitCode', 'Tên đơn vị / Unit name', 'Thuộc / Within']).font = { bold: true };
  const tree = app.orgUnits();
  for (const u of units) guide.addRow([u.code, u.name, u.level === 'commune' && u.provinceId !== null ? tree.get(u.provinceId).name : '']);
  if (units.length === 0) guide.addRow(['—', 'Bạn không có đơn vị nào ở cấp này', 'You have no unit at this level']);
  guide.getColumn(1).numFmt = '@';

  return { fileName, contentType: CONTENT_TYPES.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
