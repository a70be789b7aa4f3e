/**
 * The plain HTTP API beside tRPC: ingestion for systems, bulk report uploads and their templates,
 * the commune list import, views exported as files, health and readiness (health.ts). Returns
 * false for paths it does not own, so the caller hands
 * them to Next.js.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { handleHealth, WITHOUT_REDIS, type HealthSources } from './health';
import { handleImportCommit, handleImportPreview, handleImportProblems } from './importsRoute';
import { EXPORT_PATH_PREFIX, handleExport } from './exportRoute';
import { handleMeasurementsPost } from './measurementsRoute';
import { handleOpenApi } from './openApi';
import { handleOpenKpis, handleOpenUnits, handleOpenValues } from './openDataRoute';
import { handleCommuneImport } from './orgUnitsRoute';
import { sendJson } from './respond';
import { handleTemplateGet } from './templatesRoute';

type Handler = (app: AppContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;
type Method = 'GET' | 'HEAD' | 'POST';

/** path → the handler of each method it answers */
const ROUTES: Record<string, Partial<Record<Method, Handler>>> = {
  '/api/v1/measurements': { POST: handleMeasurementsPost },
  '/api/v1/org-units/communes': { POST: handleCommuneImport },
  '/api/v1/imports/preview': { POST: handleImportPreview },
  '/api/v1/imports/commit': { POST: handleImportCommit },
  '/api/v1/imports/problems': { POST: handleImportProblems },
  '/api/v1/templates': { GET: handleTemplateGet },
  '/api/v1/openapi.json': { GET: handleOpenApi },
  // open data for the public: no sign-in (server/http/openDataRoute.ts)
  '/api/v1/open/kpis': { GET: handleOpenKpis, HEAD: handleOpenKpis },
  '/api/v1/open/units': { GET: handleOpenUnits, HEAD: handleOpenUnits },
  '/api/v1/open/values': { GET: handleOpenValues, HEAD: handleOpenValues },
};

export function handleApiRequest(app: AppContext, req: IncomingMessage, res: ServerResponse, health: HealthSources = WITHOUT_REDIS): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/api/health' || path === '/api/ready') {
    void handleHealth(app, health, res, path === '/api/ready');
    return true;
  }
  // a view as a file: /api/export/<view> (server/http/exportRoute.ts)
  const route = path.startsWith(EXPORT_PATH_PREFIX) ? { GET: handleExport } : ROUTES[path];
  if (!route) return false;
  const handler = route[req.method as Method];
  if (!handler) {
    const allowed = Object.keys(route).join(', ');
    res.setHeader('allow', allowed);
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: { vi: `Chỉ nhận phương thức ${allowed}`, en: `${allowed} only` } } });
    return true;
  }
  void handler(app, req, res);
  return true;
}
