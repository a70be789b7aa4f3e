/**
 * POST /api/v1/imports/preview and /api/v1/imports/commit — bulk upload of period reports. The
 * body is the file itself: `Content-Type: text/csv` or the XLSX type, with its name in
 * `X-File-Name` (URI-encoded) if wanted. Preview answers 200 with every row's problems and writes
 * nothing; commit answers 201 when every row landed, or 422 naming the problems (nothing written).
 * POST /api/v1/imports/problems?format=csv|xlsx takes the same file and answers with all its
 * problems as a file to download (a preview lists the first 1,000); it writes nothing.
 * Authenticated by the session cookie plus the CSRF header, or by an API token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { AppError } from '../../shared/errors';
import { commitReportFile, previewReportFile, type UploadedReportFile } from '../services/bulkReports';
import { reportFileProblems } from '../services/reportFileProblems';
import type { ReportFileFormat } from '../services/readReportFile';
import { readBodyBytes } from './readBody';
import { requestPrincipal } from './requestPrincipal';
import { sendError, sendJson } from './respond';

/** A 100,000-row file is about 6 MB as CSV, 3 MB as XLSX. */
const BODY_LIMIT_BYTES = 64 * 1024 * 1024;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileNameOf(req: IncomingMessage): string | null {
  const raw = req.headers['x-file-name'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** CSV or XLSX by the Content-Type; a generic type falls back on the file's extension. */
function formatOf(contentType: string, fileName: string | null): ReportFileFormat {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  if ((type === '' || type === 'application/octet-stream') && fileName) {
    if (/\.csv$/i.test(fileName)) return 'csv';
    if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  }
  throw new AppError('BAD_REQUEST', {
    vi: 'Chỉ nhận tệp CSV (text/csv) hoặc Excel XLSX',
    en: `Only CSV (text/csv) or Excel XLSX (${XLSX_CONTENT_TYPE}) files are accepted`,
  });
}

async function readUpload(app: AppContext, req: IncomingMessage) {
  const principal = await requestPrincipal(app, req, { changesData: true });
  const fileName = fileNameOf(req);
  const format = formatOf(req.headers['content-type'] ?? '', fileName);
  const file: UploadedReportFile = { body: await readBodyBytes(req, BODY_LIMIT_BYTES), format, fileName };
  return { principal, file };
}

const FAILED = { vi: 'Lỗi máy chủ; tệp chưa được ghi', en: 'Server error; the file was not written' };

export async function handleImportPreview(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { principal, file } = await readUpload(app, req);
    sendJson(res, 200, await previewReportFile(app, principal, file));
  } catch (err) {
    sendError(res, err, FAILED);
  }
}

export async function handleImportCommit(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { principal, file } = await readUpload(app, req);
    sendJson(res, 201, await commitReportFile(app, principal, file));
  } catch (err) {
    sendError(res, err, FAILED);
  }
}

export async function handleImportProblems(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const format = new URL(req.url ?? '/', 'http://localhost').searchParams.get('format') ?? 'xlsx';
    if (format !== 'csv' && format !== 'xlsx') {
      throw new AppError('BAD_REQUEST', { vi: 'Tham số format phải là csv hoặc xlsx', en: 'The format parameter must be csv or xlsx' });
    }
    const { principal, file } = await readUpload(app, req);
    const problems = await reportFileProblems(app, principal, file, format);
    res.writeHead(200, {
      'content-type': problems.contentType,
      'content-length': problems.body.length,
      // header values are ASCII: the Vietnamese name travels in filename*
      'content-disposition': `attachment; filename="loi-nhap.${format}"; filename*=UTF-8''${encodeURIComponent(problems.fileName)}`,
      'cache-control': 'private, no-store',
    });
    res.end(problems.body);
  } catch (err) {
    sendError(res, err, FAILED);
  }
}
