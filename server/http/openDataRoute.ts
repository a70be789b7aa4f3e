/**
 * GET /api/v1/open/… — the public read API of open data: no sign-in, readable from any origin,
 * cacheable (a strong ETag over the exact bytes sent, 304 on If-None-Match, Cache-Control for
 * public caches) and rate limited per client address. See server/services/openData.ts for what
 * is published.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { AppError } from '../../shared/errors';
import { getOpenCatalogue, getOpenUnits, getOpenValues } from '../services/openData';
import { openValuesCsv, openValuesXlsx } from '../services/openDataFiles';
import { OpenDataParamError, readOpenValuesRequest, refuseUnknownParameters } from '../services/openDataRequest';
import { clientAddress } from './clientAddress';
import { sendError } from './respond';

/** Public caches may keep an answer five minutes: an approval or a closed period shows within that. */
export const OPEN_DATA_CACHE_CONTROL = 'public, max-age=300';

interface Body {
  bytes: Buffer;
  contentType: string;
  filename?: string;
}

/** A strong validator: the same bytes give the same tag, any other bytes another one. */
export function etagOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names this tag (weak comparison, as RFC 9110 asks for If-None-Match). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === bare);
}

function sendCacheable(req: IncomingMessage, res: ServerResponse, body: Body): void {
  const etag = etagOf(body.bytes);
  res.setHeader('etag', etag);
  res.setHeader('cache-control', OPEN_DATA_CACHE_CONTROL);
  res.setHeader('vary', 'Accept-Encoding');
  if (notModified(req, etag)) {
    res.writeHead(304);
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': body.contentType,
    'content-length': body.bytes.length,
    ...(body.filename ? { 'content-disposition': `attachment; filename="${body.filename}"` } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body.bytes);
}

const json = (value: unknown): Body => ({ bytes: Buffer.from(JSON.stringify(value)), contentType: 'application/json; charset=utf-8' });

/** Spends one request of the caller's address; past the budget, 429 with Retry-After. */
function spendOpenDataBudget(app: AppContext, req: IncomingMessage, res: ServerResponse): void {
  const budget = app.openDataLimiter.take(clientAddress(req, app.trustProxyHops));
  if (budget.allowed) return;
  const seconds = Math.max(1, Math.ceil(budget.retryAfterMs / 1000));
  res.setHeader('retry-after', String(seconds));
  const { ratePerSecond, burst } = app.openDataLimiter;
  throw new AppError('RATE_LIMITED', {
    vi: `Địa chỉ này gửi quá nhiều yêu cầu dữ liệu mở (tối đa ${ratePerSecond} yêu cầu/giây, ${burst} yêu cầu liền nhau); hãy thử lại sau ${seconds} giây`,
    en: `Too many open-data requests from this address (at most ${ratePerSecond} a second, ${burst} at once); retry in ${seconds} s`,
  });
}

function open(handler: (app: AppContext, params: URLSearchParams) => Promise<Body> | Body) {
  return async (app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'ETag, Retry-After, Content-Disposition');
    try {
      spendOpenDataBudget(app, req, res);
      sendCacheable(req, res, await handler(app, new URL(req.url ?? '/', 'http://localhost').searchParams));
    } catch (err) {
      res.setHeader('cache-control', 'no-store');
      // an OpenDataParamError's body names the field
      sendError(res, err, { vi: 'Lỗi máy chủ khi đọc dữ liệu mở', en: 'Server error while reading open data' });
    }
  };
}

export const handleOpenKpis = open((app, params) => {
  refuseUnknownParameters(params, []);
  return json(getOpenCatalogue(app, appNow()));
});

export const handleOpenUnits = open((app, params) => {
  refuseUnknownParameters(params, ['province']);
  const province = params.get('province');
  if (province !== null && app.orgUnits().byCodeOrUndefined(province)?.level !== 'province') {
    throw new OpenDataParamError('province', { vi: `không có tỉnh, thành phố mã «${province}»`, en: `no province has the code "${province}"` });
  }
  return json(getOpenUnits(app, province ?? undefined));
});

export const handleOpenValues = open(async (app, params) => {
  const now = appNow();
  const request = readOpenValuesRequest(app, params, now);
  const table = await getOpenValues(app, request.query, now);
  const name = `du-lieu-mo_${table.kpi.id}_${params.get('unit')?.replace(/[^0-9A-Za-z]+/g, '-') || 'provinces'}_${table.from}_${table.to}`;
  switch (request.format) {
    case 'json':
      return json(table);
    case 'csv':
      return { bytes: Buffer.from(openValuesCsv(table, request.separator, request.locale)), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
    case 'xlsx':
      return { bytes: await openValuesXlsx(table, request.locale), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` };
  }
});
