/**
 * The plain HTTP API beside tRPC: ingestion for systems, the commune list import, health.
 * Returns false for paths it does not own, so the caller hands them to Next.js.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { handleMeasurementsPost } from './measurementsRoute';
import { handleCommuneImport } from './orgUnitsRoute';
import { sendJson } from './respond';

const ROUTES: Record<string, (app: AppContext, req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
  '/api/v1/measurements': handleMeasurementsPost,
  '/api/v1/org-units/communes': handleCommuneImport,
};

export function handleApiRequest(app: AppContext, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/api/health') {
    sendJson(res, 200, { ok: true, db: app.db.mode });
    return true;
  }
  const route = ROUTES[path];
  if (!route) return false;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: { vi: 'Chỉ nhận phương thức POST', en: 'POST only' } } });
    return true;
  }
  void route(app, req, res);
  return true;
}
