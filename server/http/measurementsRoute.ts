/**
 * POST /api/v1/measurements — machine ingestion. JSON (an array of rows, or {"rows": [...]}) or
 * CSV (text/csv), authenticated with `Authorization: Bearer <token>`, made safe to retry with
 * `Idempotency-Key`. Answers 201 with the batch, 200 for a replayed batch, or an error body naming
 * every bad row's index, field and reason. Each token has a request budget (a token bucket): past
 * it, 429 with `Retry-After`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { authenticateBearer } from '../auth/apiTokens';
import type { Principal } from '../auth/principal';
import { AppError } from '../../shared/errors';
import { ingestMeasurements } from '../services/ingestMeasurements';
import { parseMeasurementCsv } from './parseMeasurementCsv';
import { spendIngestBudget, type TokenBucketLimiter } from './rateLimit';
import { readBody } from './readBody';
import { sendError, sendJson } from './respond';

/** 100,000 rows of JSON fit comfortably. */
export const BODY_LIMIT_BYTES = 64 * 1024 * 1024;

type RouteHandler = (app: AppContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The route with a given limiter (tests pass one with a fake clock); by default the app's, shared with tRPC. */
export function createMeasurementsHandler(limiterOf: (app: AppContext) => TokenBucketLimiter): RouteHandler {
  return async (app, req, res) => {
    try {
      const principal = await authenticateBearer(app.db, req.headers.authorization);
      if (!principal) {
        throw new AppError('UNAUTHENTICATED', {
          vi: 'Thiếu hoặc sai mã truy cập API (Authorization: Bearer …)',
          en: 'Missing or invalid API token (Authorization: Bearer …)',
        });
      }
      spendIngestBudget(limiterOf(app), principal, (seconds) => res.setHeader('retry-after', String(seconds)));
      await ingest(app, req, res, principal);
    } catch (err) {
      sendError(res, err, { vi: 'Lỗi máy chủ; lô số liệu chưa được ghi', en: 'Server error; the batch was not written' });
    }
  };
}

export const handleMeasurementsPost: RouteHandler = createMeasurementsHandler((app) => app.ingestLimiter);

async function ingest(app: AppContext, req: IncomingMessage, res: ServerResponse, principal: Principal): Promise<void> {
  const rows = parseRows(req.headers['content-type'] ?? '', await readBody(req, BODY_LIMIT_BYTES));
  const idempotencyKey = req.headers['idempotency-key'];
  const result = await ingestMeasurements(app, principal, rows, {
    source: 'api',
    idempotencyKey: Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey,
  });
  sendJson(res, result.replayed ? 200 : 201, result);
}

function parseRows(contentType: string, body: string): unknown[] {
  if (/^text\/csv\b/i.test(contentType)) return parseMeasurementCsv(body);
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('BAD_REQUEST', {
      vi: 'Content-Type phải là application/json hoặc text/csv',
      en: 'Content-Type must be application/json or text/csv',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError('BAD_REQUEST', { vi: 'Nội dung JSON không hợp lệ', en: 'The body is not valid JSON' });
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) {
    throw new AppError('BAD_REQUEST', {
      vi: 'Nội dung phải là một mảng các dòng, hoặc {"rows": [...]}',
      en: 'The body must be an array of rows, or {"rows": [...]}',
    });
  }
  return rows;
}
