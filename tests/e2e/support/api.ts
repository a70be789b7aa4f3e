/** Seeding helpers for end-to-end tests: they go through the real HTTP API with this run's token. */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { localDate } from './clock';

export { localDate };

export function apiToken(): string {
  const token = process.env.E2E_API_TOKEN;
  if (!token) throw new Error('E2E_API_TOKEN is not set (playwright.config.ts sets it)');
  return token;
}

export interface MeasurementRow {
  kpiId: string;
  orgUnitCode: string;
  time: string;
  numerator?: number;
  denominator?: number;
  value?: number;
  weight?: number;
}

export async function postMeasurements(request: APIRequestContext, rows: MeasurementRow[], baseURL?: string): Promise<{ batchId: number }> {
  const response = await request.post(`${baseURL ?? ''}/api/v1/measurements`, {
    headers: { authorization: `Bearer ${apiToken()}` },
    data: rows,
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { batchId: number };
}

/** The bootstrap administrator's session (cookie and CSRF value), signed in once per worker. */
let adminSession: Promise<{ cookie: string; csrf: string }> | undefined;

function signInAdmin(request: APIRequestContext): Promise<{ cookie: string; csrf: string }> {
  adminSession ??= (async () => {
    const password = process.env.E2E_ADMIN_PASSWORD;
    if (!password) throw new Error('E2E_ADMIN_PASSWORD is not set (playwright.config.ts sets it)');
    const response = await request.post('/api/trpc/auth.signIn', { data: { json: { username: 'quantri', password } } });
    expect(response.status(), await response.text()).toBe(200);
    const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value.split(';')[0]!);
    const csrf = cookies.find((c) => c.startsWith('lt_csrf='))!.slice('lt_csrf='.length);
    return { cookie: cookies.join('; '), csrf };
  })();
  return adminSession;
}

/** Creates an account (unique per call) as the bootstrap administrator (tokens cannot) and returns its credentials. */
export async function createUser(request: APIRequestContext, role: string, scopeUnitCode: string): Promise<{ username: string; password: string }> {
  const username = `e2e.${role}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.replace(/_/g, '-');
  const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const admin = await signInAdmin(request);
  const response = await request.post('/api/trpc/users.create', {
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    data: { json: { username, displayName: `E2E ${role}`, password, role, scopeUnitCode } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return { username, password };
}

export async function signIn(page: Page, credentials: { username: string; password: string }): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(credentials.username);
  await page.getByLabel(/Mật khẩu|Password/).fill(credentials.password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  // where a user lands depends on their scope: the overview, or their own unit
  await expect(page).not.toHaveURL(/\/signin/);
}


/** A daily history for a province: `days` days ending yesterday at a steady share. */
export function steadyDailyHistory(kpiId: string, orgUnitCode: string, days: number, share: number, volume = 1000): MeasurementRow[] {
  return Array.from({ length: days }, (_, i) => ({
    kpiId,
    orgUnitCode,
    time: localDate(i + 1),
    numerator: Math.round(volume * (share + ((i % 3) - 1) * 0.002)),
    denominator: volume,
  }));
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** A steady week of a daily KPI for a province, then today far below it: raises its alerts. */
export function dropAfterSteadyWeek(kpiId: string, orgUnitCode: string, share = 0.97): { history: MeasurementRow[]; drop: MeasurementRow[] } {
  return {
    history: steadyDailyHistory(kpiId, orgUnitCode, 8, share),
    drop: [{ kpiId, orgUnitCode, time: localDate(), numerator: Math.round(1000 * share * 0.4), denominator: 1000 }],
  };
}
