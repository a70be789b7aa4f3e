/** Seeding helpers for end-to-end tests: they post through the real ingestion API. */
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

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

export async function postMeasurements(request: APIRequestContext, rows: MeasurementRow[]): Promise<{ batchId: number }> {
  const response = await request.post('/api/v1/measurements', {
    headers: { authorization: `Bearer ${apiToken()}` },
    data: rows,
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}
