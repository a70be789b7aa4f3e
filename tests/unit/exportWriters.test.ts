import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportDocument, ExportRow } from '../../server/export/exportDocument';
import { exportToBuffer, PDF_MAX_ROWS } from '../../server/export/writeExport';
import { pngSize, readPdfText } from '../helpers/readPdfText';

const AS_OF = new Date('2026-10-31T17:00:00Z'); // 01/11/2026 in Vietnam
const GENERATED = new Date('2026-11-27T03:00:00Z'); // 27/11/2026 10:00 in Vietnam

function sampleDocument(rows: ExportRow[] = SAMPLE_ROWS): ExportDocument {
  return {
    locale: 'vi',
    title: 'Tỷ lệ hồ sơ giải quyết đúng hạn theo tỉnh, thành phố',
    fileName: 'dossiers-on-time',
    header: {
      kpi: { id: 'dossiers_on_time', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', definition: 'Số hồ sơ giải quyết đúng hạn trên tổng số hồ sơ đã giải quyết.', unitOfMeasure: 'phần trăm (%)' },
      filters: [{ label: 'Vùng', value: 'Đồng bằng sông Cửu Long' }],
      dataAsOf: AS_OF,
      dataAsOfLabel: '11/2026',
      generatedAt: GENERATED,
      generatedBy: 'Nguyễn Thị Hoạch Định (hoachdinh)',
    },
    tables: [
      {
        title: 'Xếp hạng',
        columns: [
          { key: 'rank', label: 'Hạng', type: 'integer' },
          { key: 'code', label: 'Mã', type: 'code' },
          { key: 'name', label: 'Tỉnh, thành phố', type: 'text' },
          { key: 'value', label: 'Giá trị (%)', type: 'number', decimals: 1 },
          { key: 'period', label: 'Ngày', type: 'date' },
        ],
        rows,
        expectedRows: rows.length,
      },
    ],
    chart: {
      width: 720,
      height: 360,
      option: {
        title: { text: 'Đắk Lắk, Hà Nội, Thừa Thiên Huế — tỷ lệ đúng hạn' },
        xAxis: { type: 'category', data: rows.map((r) => String(r.name)) },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: rows.map((r) => r.value) }],
      },
    },
    notes: ['Tỷ lệ của tỉnh tính bằng tổng tử số chia tổng mẫu số của các xã, không lấy trung bình các tỷ lệ.'],
  };
}

const SAMPLE_ROWS: ExportRow[] = [
  { rank: 1, code: '01', name: 'Hà Nội', value: 93.456, period: AS_OF },
  { rank: 2, code: '66', name: 'Đắk Lắk', value: 88.1, period: AS_OF },
  { rank: 3, code: '99', name: '=HYPERLINK("http://x")', value: null, period: null },
];

describe('CSV writer', () => {
  it('starts with a BOM, uses ; and the decimal comma, keeps codes as text and defuses formulas', async () => {
    const { bytes, rows } = await exportToBuffer(sampleDocument(), 'csv');
    expect(rows).toBe(3);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Tỷ lệ hồ sơ giải quyết đúng hạn theo tỉnh, thành phố');
    expect(lines).toContain('Chỉ số;Tỷ lệ hồ sơ giải quyết đúng hạn (dossiers_on_time)');
    expect(lines).toContain('Số liệu đến kỳ;11/2026');
    expect(lines).toContain('Thời điểm xuất;10:00 27/11/2026');
    expect(lines).toContain('Hạng;Mã;Tỉnh, thành phố;Giá trị (%);Ngày');
    expect(lines).toContain('1;01;Hà Nội;93,456;2026-11-01');
    // a leading = becomes text; the quotes inside are doubled
    expect(lines).toContain(`3;99;"'=HYPERLINK(""http://x"")";;`);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('XLSX writer', () => {
  it('writes the header block, number cells with formats, text codes, dates and a frozen header row', async () => {
    const { bytes, rows } = await exportToBuffer(sampleDocument(), 'xlsx');
    expect(rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const about = wb.worksheets[0]!;
    expect(about.name).toBe('Thông tin');
    expect(about.getCell('A1').value).toBe('Tỷ lệ hồ sơ giải quyết đúng hạn theo tỉnh, thành phố');
    const aboutLines = new Map<string, unknown>();
    about.eachRow((row) => aboutLines.set(row.getCell(1).text, row.getCell(2).value));
    expect(aboutLines.get('Người xuất')).toBe('Nguyễn Thị Hoạch Định (hoachdinh)');
    expect(aboutLines.get('Vùng')).toBe('Đồng bằng sông Cửu Long');

    const sheet = wb.getWorksheet('Xếp hạng')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, 'Hạng', 'Mã', 'Tỉnh, thành phố', 'Giá trị (%)', 'Ngày']);
    const value = sheet.getCell('D2');
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.value).toBe(93.456);
    expect(value.numFmt).toBe('#,##0.0');
    expect(sheet.getCell('A2').value).toBe(1);
    expect(sheet.getCell('B2').value).toBe('01');
    expect(sheet.getCell('C3').value).toBe('Đắk Lắk');
    const date = sheet.getCell('E2');
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    // the day in Vietnam, whatever the reader's time zone
    expect((date.value as Date).toISOString().slice(0, 10)).toBe('2026-11-01');
    expect(sheet.getCell('D4').value).toBeNull();
  });

  it('streams a large table without building it in memory first', async () => {
    async function* many(): AsyncGenerator<ExportRow> {
      for (let i = 0; i < 20_000; i++) yield { rank: i + 1, code: `X${i}`, name: `Xã ${i}`, value: i / 7, period: AS_OF };
    }
    const doc = sampleDocument();
    const { bytes, rows } = await exportToBuffer({ ...doc, tables: [{ ...doc.tables[0]!, rows: many(), expectedRows: 20_000 }] }, 'xlsx');
    expect(rows).toBe(20_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.getWorksheet('Xếp hạng')!.rowCount).toBe(20_001);
  });
});

describe('PNG writer', () => {
  it('draws the chart at twice its size', async () => {
    const { bytes } = await exportToBuffer(sampleDocument(), 'png');
    expect(pngSize(bytes)).toEqual({ width: 1440, height: 720 });
  });

  it('refuses a view without a chart, in Vietnamese', async () => {
    await expect(exportToBuffer({ ...sampleDocument(), chart: undefined }, 'png')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('PDF writer', () => {
  it('is an A4 report whose text, diacritics included, can be extracted', async () => {
    const { bytes, rows } = await exportToBuffer(sampleDocument(), 'pdf');
    expect(rows).toBe(3);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, pageSizes } = await readPdfText(bytes);
    expect(pageSizes[0]!.width).toBeCloseTo(595.28, 0);
    expect(pageSizes[0]!.height).toBeCloseTo(841.89, 0);
    const text = pages.join('\n');
    for (const words of ['Tỷ lệ hồ sơ giải quyết đúng hạn theo tỉnh, thành phố', 'Định nghĩa', 'Hà Nội', 'Đắk Lắk', '93,5', 'Nguyễn Thị Hoạch Định', 'không lấy trung bình các tỷ lệ']) {
      expect(text).toContain(words);
    }
    // the chart's title is drawn as text (vector), in the embedded font
    expect(text).toContain('Thừa Thiên Huế');
  });

  it('refuses more rows than a report holds', async () => {
    const doc = sampleDocument();
    await expect(exportToBuffer({ ...doc, tables: [{ ...doc.tables[0]!, expectedRows: PDF_MAX_ROWS + 1 }] }, 'pdf')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
