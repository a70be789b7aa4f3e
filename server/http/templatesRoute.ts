/**
 * GET /api/v1/templates?frequency=monthly&level=commune&format=xlsx — the file to fill in for a
 * KPI set, for the signed-in user (the guide lists the units they may submit for).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FREQUENCIES, SUBMITTING_LEVELS } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { AppError } from '../../shared/errors';
import { buildReportTemplate } from '../services/reportTemplates';
import { requestPrincipal } from './requestPrincipal';
import { sendError } from './respond';

const query = z.object({
  frequency: z.enum(FREQUENCIES),
  level: z.enum(SUBMITTING_LEVELS),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});

export async function handleTemplateGet(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const principal = await requestPrincipal(app, req, { changesData: false });
    const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const parsed = query.safeParse(params);
    if (!parsed.success) {
      throw new AppError('BAD_REQUEST', {
        vi: `Tham số không hợp lệ: frequency (${FREQUENCIES.join('|')}), level (${SUBMITTING_LEVELS.join('|')}), format (csv|xlsx)`,
        en: `Invalid parameters: frequency (${FREQUENCIES.join('|')}), level (${SUBMITTING_LEVELS.join('|')}), format (csv|xlsx)`,
      });
    }
    const template = await buildReportTemplate(app, principal, parsed.data);
    res.writeHead(200, {
      'content-type': template.contentType,
      'content-length': template.body.length,
      'content-disposition': `attachment; filename="${template.fileName}"`,
      // the guide lists the user's own units
      'cache-control': 'private, no-store',
    });
    res.end(template.body);
  } catch (err) {
    sendError(res, err, { vi: 'Lỗi máy chủ; chưa tạo được tệp mẫu', en: 'Server error; the template could not be made' });
  }
}
