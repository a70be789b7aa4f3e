/**
 * Who is calling a plain HTTP route that people use from the browser as well as systems: an API
 * token (`Authorization: Bearer …`), or the session cookie of a signed-in user. A cookie is sent
 * by the browser whatever page asks, so a request that changes data with it must also echo the
 * CSRF cookie in the `x-csrf-token` header (double submit; see server/auth/sessions.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../appContext';
import { authenticateBearer } from '../auth/apiTokens';
import type { Principal } from '../auth/principal';
import { CSRF_HEADER, csrfValid, sessionFromCookies } from '../auth/sessions';
import { AppError } from '../../shared/errors';

export async function requestPrincipal(app: AppContext, req: IncomingMessage, options: { changesData: boolean }): Promise<Principal> {
  if (req.headers.authorization) {
    const token = await authenticateBearer(app.db, req.headers.authorization);
    if (!token) {
      throw new AppError('UNAUTHENTICATED', {
        vi: 'Sai mã truy cập API (Authorization: Bearer …)',
        en: 'Invalid API token (Authorization: Bearer …)',
      });
    }
    return token;
  }
  const session = await sessionFromCookies(app, req.headers.cookie);
  if (!session) throw new AppError('UNAUTHENTICATED', { vi: 'Bạn chưa đăng nhập', en: 'You are not signed in' });
  const header = req.headers[CSRF_HEADER];
  if (options.changesData && !csrfValid(req.headers.cookie, Array.isArray(header) ? header[0] : header)) {
    throw new AppError('FORBIDDEN', {
      vi: 'Yêu cầu thiếu mã chống giả mạo (CSRF); hãy tải lại trang',
      en: 'The request lacks its anti-forgery (CSRF) token; reload the page',
    });
  }
  return session.principal;
}
