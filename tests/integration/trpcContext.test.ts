/**
 * The tRPC context is built from a request's Headers (and what the connection says), so that
 * /api/trpc and server components decide who is asking by the same rules: the session cookie,
 * an API token, the CSRF check, the client's address and whether cookies must be Secure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAppContext, type AppContext } from '../../server/appContext';
import { createApiToken } from '../../server/auth/apiTokens';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, signIn } from '../../server/auth/sessions';
import { headersOf } from '../../server/http/headersOf';
import { pageTrpcRequest, stampPeer } from '../../server/http/peerHeaders';
import { createHttpTrpcContext, createTrpcContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { serverCallerContext } from '../../server/trpc/init';
import { availableModes, openTestApp } from '../helpers/testDb';

/** A Node request as the custom server receives it (only what the context reads). */
function nodeRequest(headers: Record<string, string>, remoteAddress = '10.0.0.5', encrypted = false): IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress, encrypted } } as unknown as IncomingMessage;
}
const noResponse = { setHeader: () => undefined } as unknown as ServerResponse;

describe.each(await availableModes())('tRPC context from Headers (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let cookie: string;
  let csrf: string;
  let token: string;
  const password = 'correct horse battery';

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    setAppContext(app);
    const nation = app.orgUnits().nation;
    const admin = createCaller(serverCallerContext(app, { kind: 'user', name: 'user:quantri', scopeUnitId: nation.id, role: 'admin' }));
    await admin.users.create({ username: 'lanhdao.hcm', displayName: 'Lãnh đạo HCM', password, role: 'leader', scopeUnitCode: '79' });
    const signed = await signIn(app, { username: 'lanhdao.hcm', password, clientKey: 'test' });
    cookie = `${SESSION_COOKIE}=${signed.sessionToken}; ${CSRF_COOKIE}=${signed.csrfToken}`;
    csrf = signed.csrfToken;
    token = (await createApiToken(app.db, 'context-test', nation.id)).token;
  });
  afterAll(async () => {
    await close?.();
  });

  it('is anonymous without a cookie or token, and names the peer as the client', async () => {
    const ctx = await createTrpcContext({ headers: new Headers(), remoteAddress: '10.0.0.5', tls: false });
    expect(ctx.principal).toBeUndefined();
    expect(ctx.session).toBeUndefined();
    expect(ctx.csrfOk).toBe(true);
    expect(ctx.clientKey).toBe('10.0.0.5');
    expect(ctx.secure).toBe(false);
    expect(ctx.setCookies).toBeUndefined();
  });

  it('finds the signed-in user from the session cookie; a mutation needs the matching CSRF header', async () => {
    const without = await createTrpcContext({ headers: new Headers({ cookie }), remoteAddress: '10.0.0.5', tls: false });
    expect(without.principal).toMatchObject({ kind: 'user', name: 'user:lanhdao.hcm', role: 'leader', scopeUnitId: app.orgUnits().byCodeOrUndefined('79')!.id });
    expect(without.csrfOk).toBe(false);
    const withHeader = await createTrpcContext({ headers: new Headers({ cookie, [CSRF_HEADER]: csrf }), remoteAddress: '10.0.0.5', tls: false });
    expect(withHeader.csrfOk).toBe(true);
    const wrong = await createTrpcContext({ headers: new Headers({ cookie, [CSRF_HEADER]: csrf.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }), remoteAddress: '10.0.0.5', tls: false });
    expect(wrong.csrfOk).toBe(false);
  });

  it('takes an API token over a cookie, and needs no CSRF header with it', async () => {
    const ctx = await createTrpcContext({ headers: new Headers({ authorization: `Bearer ${token}`, cookie }), remoteAddress: '10.0.0.5', tls: false });
    expect(ctx.principal).toMatchObject({ kind: 'token', role: 'system' });
    expect(ctx.session).toBeUndefined();
    expect(ctx.csrfOk).toBe(true);
    const unknown = await createTrpcContext({ headers: new Headers({ authorization: 'Bearer lt_nope' }), remoteAddress: '10.0.0.5', tls: false });
    expect(unknown.principal).toBeUndefined();
  });

  it('believes X-Forwarded-For only through the trusted proxies, and TLS or the proxy makes cookies Secure', async () => {
    setAppContext({ ...app, trustProxyHops: 1 });
    try {
      const ctx = await createTrpcContext({ headers: new Headers({ 'x-forwarded-for': '1.2.3.4, 203.0.113.7', 'x-forwarded-proto': 'https' }), remoteAddress: '10.0.0.9', tls: false });
      expect(ctx.clientKey).toBe('203.0.113.7');
      expect(ctx.secure).toBe(true);
    } finally {
      setAppContext(app);
    }
    const direct = await createTrpcContext({ headers: new Headers({ 'x-forwarded-for': '203.0.113.7' }), remoteAddress: '10.0.0.9', tls: true });
    expect(direct.clientKey).toBe('10.0.0.9');
    expect(direct.secure).toBe(true);
  });

  it('gives /api/trpc and a server component the same context for the same request', async () => {
    const headers = { cookie, [CSRF_HEADER]: csrf, 'user-agent': 'test' };
    const http = await createHttpTrpcContext({ req: nodeRequest(headers, '192.0.2.10', true), res: noResponse, info: {} as never });
    // what a server component sees: the headers, after the custom server stamped the connection's facts
    const page = nodeRequest({ ...headers, 'x-lienthong-peer': '6.6.6.6', 'x-lienthong-tls': '0' }, '192.0.2.10', true);
    stampPeer(page);
    const component = await createTrpcContext(pageTrpcRequest(headersOf(page.headers)));
    for (const ctx of [http, component]) {
      expect(ctx.principal).toMatchObject({ name: 'user:lanhdao.hcm' });
      expect(ctx.csrfOk).toBe(true);
      // the client's own claim to be 6.6.6.6 was overwritten by the server's stamp
      expect(ctx.clientKey).toBe('192.0.2.10');
      expect(ctx.secure).toBe(true);
    }
    expect(typeof http.setCookies).toBe('function');
    expect(component.setCookies).toBeUndefined();
  });
});
