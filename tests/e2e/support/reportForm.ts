/** Filling the staff report form (/submit) the way an officer does. */
import { expect, type Page } from '@playwright/test';

/** Fills an entry's inputs in order (numerator, denominator — or value, weight). */
export async function fillEntry(page: Page, kpiId: string, values: string[]): Promise<void> {
  const inputs = page.locator(`[data-testid="report-entry"][data-kpi="${kpiId}"] input[type="text"]`);
  for (const [i, v] of values.entries()) await inputs.nth(i).fill(v);
}

/** Fills the six monthly KPIs of a commune with ordinary values and submits them. */
export async function submitCommuneMonth(page: Page): Promise<void> {
  await expect(page.getByTestId('report-entry')).toHaveCount(6);
  await fillEntry(page, 'data_reused', ['45', '60']);
  await fillEntry(page, 'dossiers_digitised', ['50', '100']);
  await fillEntry(page, 'fees_paid_online', ['30', '40']);
  await fillEntry(page, 'records_match_population_db', ['95', '100']);
  await fillEntry(page, 'results_published_on_time', ['18', '20']);
  await fillEntry(page, 'office_trips_per_procedure', ['1.5', '40']);
  await page.getByTestId('submit-report').click();
  await expect(page.getByTestId('form-status')).toContainText(/Đã nộp/);
}
