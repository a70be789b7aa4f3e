/**
 * API tokens managed through tRPC, in both database modes: an administrator creates (the
 * plaintext once), lists (no secret), revokes; a revoked token no longer authenticates; provincial
 * staff manage only their own province's tokens; and POST /api/v1/measurements answers 429 with
 * Retry-After once a token spends its budget (a limiter with a fake clock, so nothing waits).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { authenticateBearer } from '../../server/auth/apiTokens';
import type { Principal } from '../../server/auth/principal';
import { createMeasurementsHandler } from '../../server/http/measurementsRoute';
import { TokenBucketLimiter } from '../../server/http/rateLimit';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { availableModes, openTestApp } from '../helpers/testDb';

describe.each(await availableModes())('API tokens (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;
  const admin = () => createCaller(serverCallerContext(app, { kind: 'user', name: 'user:quantri', scopeUnitId: app.orgUnits().nation.id, role: 'admin' }));
  const staffOf = (code: string, role: Principal['role'] = 'province_staff') =>
    createCaller(serverCallerContext(app, { kind: 'user', name: `user:staff${code}`, scopeUnitId: unit(code).id, role }));

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  it('creates a token shown once, lists it without a secret, and refuses a revoked one', async () => {
    const created = await admin().apiTokens.create({ name: 'Feed-One', scopeUnitCode: 'VN' });
    expect(created.token).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    expect(created.summary).toMatchObject({ name: 'feed-one', scope: { code: 'VN', level: 'nation' }, createdBy: 'user:quantri', revokedAt: null, lastUsedAt: null });

    const principal = await authenticateBearer(app.db, `Bearer ${created.token}`);
    expect(principal).toEqual({ kind: 'token', name: 'token:feed-one', scopeUnitId: app.orgUnits().nation.id, role: 'system' });

    const listed = (await admin().apiTokens.list()).find((t) => t.name === 'feed-one')!;
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
    // nothing secret leaves the server: neither the token nor its hash
    const text = JSON.stringify(await admin().apiTokens.list());
    expect(text).not.toContain(created.token);
    expect(text).not.toMatch(/sha256|[0-9a-f]{64}/);

    expect(await admin().apiTokens.revoke({ name: 'feed-one' })).toEqual({ revoked: true });
    expect(await authenticateBearer(app.db, `Bearer ${created.token}`)).toBeUndefined();
    expect((await admin().apiTokens.list()).find((t) => t.name === 'feed-one')!.revokedAt).toBeInstanceOf(Date);
    // revoking twice changes nothing; a revoked token keeps its name
    expect(await admin().apiTokens.revoke({ name: 'feed-one' })).toEqual({ revoked: false });
    await expect(admin().apiTokens.create({ name: 'feed-one', scopeUnitCode: 'VN' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin().apiTokens.create({ name: 'feed-two', scopeUnitCode: 'nowhere' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lets provincial staff manage their own province’s tokens only', async () => {
    const hanoi = staffOf('01');
    await expect(hanoi.apiTokens.create({ name: 'hn-wide', scopeUnitCode: 'VN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(hanoi.apiTokens.create({ name: 'hn-hcm', scopeUnitCode: '79' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const own = await hanoi.apiTokens.create({ name: 'hn-one-stop', scopeUnitCode: '01' });
    const communeCode = app.orgUnits().childrenOf(unit('01').id)[0]!.code;
    await hanoi.apiTokens.create({ name: 'hn-commune', scopeUnitCode: communeCode });
    const nationWide = await admin().apiTokens.create({ name: 'national-feed', scopeUnitCode: 'VN' });
    await admin().apiTokens.create({ name: 'hcm-feed', scopeUnitCode: '79' });

    expect((await authenticateBearer(app.db, `Bearer ${own.token}`))?.scopeUnitId).toBe(unit('01').id);
    const names = (await hanoi.apiTokens.list()).map((t) => t.name).sort();
    expect(names).toEqual(['hn-commune', 'hn-one-stop']);
    // others' tokens are not theirs to revoke, nor to learn about
    await expect(hanoi.apiTokens.revoke({ name: 'hcm-feed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hanoi.apiTokens.revoke({ name: 'national-feed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await authenticateBearer(app.db, `Bearer ${nationWide.token}`)).toBeDefined();
    expect(await hanoi.apiTokens.revoke({ name: 'hn-commune' })).toEqual({ revoked: true });
    // the administrator sees every token
    expect((await admin().apiTokens.list()).map((t) => t.name)).toEqual(expect.arrayContaining(['hn-one-stop', 'hn-commune', 'national-feed', 'hcm-feed']));
  });

  it('refuses roles that do not manage tokens, and anonymous callers', async () => {
    await expect(staffOf('01', 'leader').apiTokens.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(staffOf('01', 'planner').apiTokens.create({ name: 'nope', scopeUnitCode: '01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const commune = app.orgUnits().childrenOf(unit('01').id)[0]!;
    const communeStaff = createCaller(serverCallerContext(app, { kind: 'user', name: 'user:xa', scopeUnitId: commune.id, role: 'commune_staff' }));
    await expect(communeStaff.apiTokens.create({ name: 'nope', scopeUnitCode: commune.code })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createCaller(serverCallerContext(app)).apiTokens.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // a system token cannot mint tokens
    const system = createCaller(serverCallerContext(app, { kind: 'token', name: 'token:x', scopeUnitId: app.orgUnits().nation.id, role: 'system' }));
    await expect(system.apiTokens.create({ name: 'nope', scopeUnitCode: 'VN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('rate limit on POST /api/v1/measurements', () => {
    let server: http.Server;
    let url: string;
    let clock = 0;
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 2, now: () => clock });

    beforeAll(async () => {
      const handler = createMeasurementsHandler(() => limiter);
      server = http.createServer((req, res) => void handler(app, req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/measurements`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    // An empty batch is refused (400) after the budget is checked: cheap, and it proves the request got through.
    const post = (token: string | null) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: '[]' });

    it('answers 429 with Retry-After and a vi/en message once a token spends its burst, and lets it through after a refill', async () => {
      const { token } = await admin().apiTokens.create({ name: 'busy-feed', scopeUnitCode: 'VN' });
      const { token: other } = await admin().apiTokens.create({ name: 'quiet-feed', scopeUnitCode: 'VN' });
      expect((await post(token)).status).toBe(400);
      expect((await post(token)).status).toBe(400);
      const limited = await post(token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      const body = (await limited.json()) as { error: { code: string; message: { vi: string; en: string } } };
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message.vi).toMatch(/thử lại sau 1 giây/);
      expect(body.error.message.en).toMatch(/retry in 1 s/);
      // another token has its own budget; requests without a valid token are refused before any budget
      expect((await post(other)).status).toBe(400);
      expect((await post(null)).status).toBe(401);
      expect((await post('lt_unknown')).status).toBe(401);
      clock += 1000;
      expect((await post(token)).status).toBe(400);
      expect((await post(token)).status).toBe(429);
    });
  });
});
