/**
 * Account administration through tRPC, in both database modes: list (no password hash), disable
 * (the account's sessions end and it cannot sign in), enable again, sign a user out everywhere;
 * only administrators, and not against themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { SESSION_COOKIE, sessionFromCookies, signIn } from '../../server/auth/sessions';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { appErrorOf } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

describe.each(await availableModes())('user administration (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const password = 'correct horse battery';
  const admin = () => createCaller(serverCallerContext(app, { kind: 'user', name: 'user:quantri', scopeUnitId: app.orgUnits().nation.id, role: 'admin' }));
  /** signs in and returns whether the session cookie is recognised */
  const session = async (username: string) => {
    const signed = await signIn(app, { username, password, clientKey: `test-${username}-${Math.random()}` });
    return `${SESSION_COOKIE}=${signed.sessionToken}`;
  };

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await admin().users.create({ username: 'canbo.hn', displayName: 'Cán bộ Hà Nội', password, role: 'province_staff', scopeUnitCode: '01' });
    await admin().users.create({ username: 'lanhdao.vn', displayName: 'Lãnh đạo', password, role: 'leader', scopeUnitCode: 'VN' });
  });
  afterAll(async () => {
    await close?.();
  });

  it('lists accounts with their scope and sessions, never a password hash', async () => {
    const cookie = await session('canbo.hn');
    expect(await sessionFromCookies(app, cookie)).toBeDefined();
    const users = await admin().users.list();
    const hn = users.find((u) => u.username === 'canbo.hn')!;
    expect(hn).toMatchObject({ displayName: 'Cán bộ Hà Nội', role: 'province_staff', scope: { code: '01', level: 'province' }, disabledAt: null });
    expect(hn.activeSessions).toBeGreaterThanOrEqual(1);
    expect(hn.lastSignInAt).toBeInstanceOf(Date);
    expect(JSON.stringify(users)).not.toMatch(/argon2|password/i);
  });

  it('signs a user out everywhere', async () => {
    const first = await session('canbo.hn');
    const second = await session('canbo.hn');
    const { sessionsEnded } = await admin().users.signOutEverywhere({ username: 'canbo.hn' });
    expect(sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await sessionFromCookies(app, first)).toBeUndefined();
    expect(await sessionFromCookies(app, second)).toBeUndefined();
    expect((await admin().users.list()).find((u) => u.username === 'canbo.hn')!.activeSessions).toBe(0);
  });

  it('disables an account: its sessions end and it cannot sign in until enabled again', async () => {
    const cookie = await session('lanhdao.vn');
    const result = await admin().users.disable({ username: 'lanhdao.vn' });
    expect(result).toEqual({ changed: true, sessionsEnded: 1 });
    expect(await sessionFromCookies(app, cookie)).toBeUndefined();
    expect((await appErrorOf(session('lanhdao.vn'))).code).toBe('UNAUTHENTICATED');
    expect((await admin().users.list()).find((u) => u.username === 'lanhdao.vn')!.disabledAt).toBeInstanceOf(Date);
    expect(await admin().users.disable({ username: 'lanhdao.vn' })).toEqual({ changed: false, sessionsEnded: 0 });
    expect(await admin().users.enable({ username: 'lanhdao.vn' })).toEqual({ changed: true });
    expect(await sessionFromCookies(app, await session('lanhdao.vn'))).toBeDefined();
  });

  it('lets only administrators manage accounts, and not disable themselves', async () => {
    await admin().users.create({ username: 'quantri', displayName: 'Quản trị', password, role: 'admin', scopeUnitCode: 'VN' });
    await expect(admin().users.disable({ username: 'quantri' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin().users.disable({ username: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const leader = createCaller(serverCallerContext(app, { kind: 'user', name: 'user:lanhdao.vn', scopeUnitId: app.orgUnits().nation.id, role: 'leader' }));
    await expect(leader.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(leader.users.disable({ username: 'canbo.hn' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const staff = createCaller(serverCallerContext(app, { kind: 'user', name: 'user:canbo.hn', scopeUnitId: app.orgUnits().byCodeOrUndefined('01')!.id, role: 'province_staff' }));
    await expect(staff.users.signOutEverywhere({ username: 'lanhdao.vn' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
