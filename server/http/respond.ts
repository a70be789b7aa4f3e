import type { ServerResponse } from 'node:http';
import { AppError, type LocalizedText } from '../../shared/errors';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An AppError as its own status and body; anything else is logged and answered 500 with `whatHappened`. */
export function sendError(res: ServerResponse, err: unknown, whatHappened: LocalizedText): void {
  if (err instanceof AppError) return sendJson(res, err.httpStatus, err.toBody());
  console.error('[api]', err);
  sendJson(res, 500, { error: { code: 'INTERNAL', message: whatHappened } });
}
