/**
 * POST /api/v1/org-units/communes — an administrator (a nation-wide API token) replaces the
 * synthetic communes with the official list, as CSV: code,name,provinceCode,kind. A list that
 * deactivates more than a small share of the communes needs `?confirmDeactivations=<count>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { authenticateBearer } from '../auth/apiTokens';
import { AppError } from '../../shared/errors';
import { importCommunes } from '../services/importCommunes';
import { readBody } from './readBody';
import { sendError, sendJson } from './respond';

/** the official list is about 3,300 lines; 8 MB leaves room for long names */
export const COMMUNE_CSV_LIMIT_BYTES = 8 * 1024 * 1024;

export async function handleCommuneImport(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const principal = await authenticateBearer(app.db, req.headers.authorization);
    if (!principal) {
      throw new AppError('UNAUTHENTICATED', { vi: 'Thiếu hoặc sai mã truy cập API', en: 'Missing or invalid API token' });
    }
    if (principal.scopeUnitId !== app.orgUnits().nation.id) {
      throw new AppError('FORBIDDEN', {
        vi: 'Chỉ quản trị viên cấp quốc gia được thay danh sách xã',
        en: 'Only a nation-wide administrator may replace the commune list',
      });
    }
    if (!/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) {
      throw new AppError('BAD_REQUEST', { vi: 'Content-Type phải là text/csv', en: 'Content-Type must be text/csv' });
    }
    const confirmDeactivations = confirmedCount(new URL(req.url ?? '/', 'http://localhost').searchParams.get('confirmDeactivations'));
    sendJson(res, 200, await importCommunes(app, await readBody(req, COMMUNE_CSV_LIMIT_BYTES), { confirmDeactivations }));
  } catch (err) {
    sendError(res, err, { vi: 'Lỗi máy chủ; danh sách chưa được thay', en: 'Server error; the list was not replaced' });
  }
}

function confirmedCount(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d{1,6}$/.test(raw)) {
    throw new AppError('BAD_REQUEST', {
      vi: 'confirmDeactivations phải là số xã sẽ ngừng hoạt động (số nguyên không âm)',
      en: 'confirmDeactivations must be the number of communes to deactivate (a whole number)',
    });
  }
  return Number(raw);
}
