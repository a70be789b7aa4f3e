/**
 * An export as a PDF report, laid out by pdfmake on the server: A4 (landscape when a table is
 * wide), Be Vietnam Pro embedded, the title, the header block (KPI, definition, unit, filters,
 * data as of, who made it and when), the chart as vector SVG, each table with its header row
 * repeated on every page, then the definitions and method notes; page numbers in the footer.
 * Fit to attach to an official document. pdfmake may read only the font files and nothing online.
 */
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { cellText, EXPORT_SOURCE, headerLines, readRows, type ExportDocument } from './exportDocument';
import { EXPORT_FONT_FAMILY, EXPORT_FONT_FILES } from './exportFonts';
import { renderChartSvg } from './renderChart';

const FONT_PATHS = new Set<string>(Object.values(EXPORT_FONT_FILES));
pdfmake.setFonts({
  [EXPORT_FONT_FAMILY]: {
    normal: EXPORT_FONT_FILES.regular,
    bold: EXPORT_FONT_FILES.bold,
    italics: EXPORT_FONT_FILES.italic,
    bolditalics: EXPORT_FONT_FILES.boldItalic,
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => FONT_PATHS.has(path));

/** A4 in points, less the margins */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
/** more columns than this go landscape */
const PORTRAIT_COLUMNS = 7;

const TEXTS = {
  page: { vi: 'Trang', en: 'Page' },
  of: { vi: '/', en: 'of' },
  notes: { vi: 'Định nghĩa và ghi chú phương pháp', en: 'Definitions and method notes' },
  noRows: { vi: 'Không có số liệu', en: 'No data' },
} as const;

export async function writePdf(doc: ExportDocument): Promise<{ bytes: Buffer; rows: number }> {
  const t = (text: { vi: string; en: string }) => text[doc.locale];
  const landscape = doc.tables.some((table) => table.columns.length > PORTRAIT_COLUMNS);
  const contentWidth = (landscape ? A4.height : A4.width) - 2 * MARGIN;
  const content: Content[] = [{ text: doc.title, style: 'title' }];

  content.push({
    table: { widths: [110, '*'], body: headerLines(doc).map(({ label, value }): TableCell[] => [{ text: label, bold: true }, { text: value }]) },
    layout: 'noBorders',
    fontSize: 8.5,
    margin: [0, 0, 0, 10],
  });

  if (doc.chart) {
    // a tall chart (34 bars) is drawn narrower, so that it fits a page with room for a heading
    const pageHeight = (landscape ? A4.width : A4.height) - 2 * MARGIN - 120;
    const width = Math.min(contentWidth, doc.chart.width, (doc.chart.width * pageHeight) / doc.chart.height);
    content.push({ svg: renderChartSvg(doc.chart), width, margin: [0, 0, 0, 10] });
  }

  let rows = 0;
  for (const table of doc.tables) {
    const body = await readRows(table);
    rows += body.length;
    content.push({ text: table.title, style: 'tableTitle' });
    const numeric = (type: string) => type === 'number' || type === 'integer';
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        // the first text column takes what is left; the others fit their content
        widths: table.columns.map((c, i) => (i === table.columns.findIndex((x) => x.type === 'text') ? '*' : 'auto')),
        body: [
          table.columns.map((c): TableCell => ({ text: c.label, bold: true, fillColor: '#e8eef5', alignment: numeric(c.type) ? 'right' : 'left' })),
          ...body.map((row) => table.columns.map((c): TableCell => ({ text: cellText(row[c.key] ?? null, c, doc.locale), alignment: numeric(c.type) ? 'right' : 'left' }))),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: table.columns.length > PORTRAIT_COLUMNS ? 7.5 : 8.5,
      margin: [0, 0, 0, 10],
    });
    if (body.length === 0) content.push({ text: t(TEXTS.noRows), italics: true, margin: [0, 0, 0, 10] });
  }

  if (doc.notes.length) {
    content.push({ text: t(TEXTS.notes), style: 'tableTitle' });
    content.push({ ul: doc.notes.map((note) => ({ text: note })), fontSize: 8.5 });
  }

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN + 10],
    info: { title: doc.title, author: doc.header.generatedBy, creator: t(EXPORT_SOURCE), producer: t(EXPORT_SOURCE), creationDate: doc.header.generatedAt },
    defaultStyle: { font: EXPORT_FONT_FAMILY, fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      tableTitle: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 4] },
    },
    footer: (page, pages) => ({
      columns: [
        { text: t(EXPORT_SOURCE), fontSize: 7.5, color: '#555555' },
        { text: `${t(TEXTS.page)} ${page} ${t(TEXTS.of)} ${pages}`, alignment: 'right', fontSize: 7.5, color: '#555555' },
      ],
      margin: [MARGIN, 10, MARGIN, 0],
    }),
    content,
  };
  return { bytes: await pdfmake.createPdf(definition).getBuffer(), rows };
}
