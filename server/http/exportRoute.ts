/**
 * GET /api/export/<view>?format=csv|xlsx|png|pdf&lang=vi|en&…the view's own parameters — a view
 * as a file, made on the server (server/export/). On the custom server rather than a Next route
 * handler: it streams straight into Node's response with backpressure, reads the session and the
 * database through the app context like every other API route, and keeps the native renderer
 * (resvg) and pdfmake out of Next's bundle.
 *
 * Signed-in users only (the session cookie); what a file holds is limited to the user's scope by
 * the view (server/export/exportViews.ts). Every export is written to the audit log: at its start
 * (after its parameters and the user's right to it are checked), and again at its end with the
 * rows and bytes sent; a refusal for scope is logged too. Large CSV/XLSX exports stream; the
 * answer says the rows it will hold (`X-Export-Rows`) and an estimate of its size
 * (`X-Export-Bytes-Estimate`) so that the browser can show progress while it reads.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, pipeline } from 'node:stream';
import type { AppContext } from '../appContext';
import { sessionFromCookies } from '../auth/sessions';
import { appNow } from '../clock';
import { finishExportAudit, insertExportAudit } from '../db/queries/exportAudit';
import type { ExportDocument, ExportFormat } from '../export/exportDocument';
import { buildExportDocument, readFormat, readLocale } from '../export/exportViews';
import { checkExportable, EXPORT_CONTENT_TYPES, expectedRows, writeExport } from '../export/writeExport';
import { AppError } from '../../shared/errors';
import { sendError } from './respond';

export const EXPORT_PATH_PREFIX = '/api/export/';

/** bytes a data row takes, roughly, per cell: for the progress bar's denominator, never a limit */
const BYTES_PER_CELL: Record<ExportFormat, number> = { csv: 11, xlsx: 6.5, png: 0, pdf: 60 };

function bytesEstimate(doc: ExportDocument, format: ExportFormat): number {
  if (format === 'png') return 120_000;
  return 8_000 + doc.tables.reduce((sum, table) => sum + table.expectedRows * table.columns.length * BYTES_PER_CELL[format], 0);
}

/** The request's parameters for the log: as sent, at most 40 of at most 200 characters each. */
function loggedParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].slice(0, 40).map(([k, v]) => [k.slice(0, 200), v.slice(0, 200)]));
}

export async function handleExport(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const view = decodeURIComponent(url.pathname.slice(EXPORT_PATH_PREFIX.length));
  const params = url.searchParams;
  const whatHappened = { vi: 'Lỗi máy chủ khi xuất tệp', en: 'Server error while exporting' };

  const session = await sessionFromCookies(app, req.headers.cookie).catch(() => undefined);
  if (!session) return sendError(res, new AppError('UNAUTHENTICATED', { vi: 'Bạn cần đăng nhập để xuất số liệu', en: 'Sign in to export data' }), whatHappened);
  const audit = { userId: session.userId, principal: session.principal.name, scopeUnitId: session.principal.scopeUnitId, view: view.slice(0, 64), params: loggedParams(params) };

  let doc: ExportDocument;
  let format: ExportFormat | undefined;
  try {
    format = readFormat(params);
    const locale = readLocale(params);
    doc = await buildExportDocument(view, { app, principal: session.principal, who: `${session.displayName} (${session.username})`, locale, now: appNow(), params });
    checkExportable(doc, format);
  } catch (err) {
    // the format is read first, so a refusal for scope always has one
    if (err instanceof AppError && err.code === 'FORBIDDEN' && format) {
      await insertExportAudit(app.db, { ...audit, at: appNow(), format, status: 'refused', detail: err.userMessage.en }).catch((e: unknown) => console.error('[export] audit', e));
    }
    return sendError(res, err, whatHappened);
  }

  const id = await insertExportAudit(app.db, { ...audit, at: appNow(), format, status: 'started' });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  res.writeHead(200, {
    'content-type': EXPORT_CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${doc.fileName}.${format}"`,
    'x-export-rows': String(expectedRows(doc)),
    'x-export-bytes-estimate': String(bytesEstimate(doc, format)),
    'x-content-type-options': 'nosniff',
  });
  const sent = new Promise<void>((resolve, reject) => pipeline(counter, res, (err) => (err ? reject(err) : resolve())));
  try {
    const rows = await writeExport(doc, format, counter);
    await sent;
    await finishExportAudit(app.db, { id, at: appNow(), status: 'completed', rows, bytes });
  } catch (err) {
    // the client went away, or a read failed half way: the answer is cut off, the log says so
    counter.destroy();
    res.destroy();
    await finishExportAudit(app.db, { id, at: appNow(), status: 'failed', rows: 0, bytes, detail: err instanceof Error ? err.message.slice(0, 500) : 'unknown' }).catch((e: unknown) => console.error('[export] audit', e));
  }
}
