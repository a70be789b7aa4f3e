/**
 * Return for revision: a provincial officer sends a commune's submitted report back with a
 * comment; the commune officer finds it returned, with the comment, on the form of that unit and
 * period and in the report's history; edits and submits again, and it is back in the queue.
 * Four eyes: an officer who submitted a report is offered no approval of it.
 * Quảng Trị's communes X44011 and X44012 are this file's data.
 */
import { expect, newClockedContext, test } from './support/test';
import { lastMonthStart } from './support/clock';
import { createUser, saveScreenshot, signIn } from './support/api';
import { fillEntry, submitCommuneMonth } from './support/reportForm';

/** Last month as YYYY-MM, local time on the run's clock. */
const lastMonth = lastMonthStart().slice(0, 7);

const DATA_REUSED = 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa';
const COMMENT = 'Mẫu số không khớp sổ theo dõi hồ sơ tháng này, đề nghị xã kiểm tra lại';

test('a returned report reaches its submitter with the comment, and goes back to the queue once resubmitted', async ({ browser, request }) => {
  const officer = await createUser(request, 'commune_staff', 'X44011');
  const approver = await createUser(request, 'province_staff', '44');

  const page = await (await newClockedContext(browser)).newPage();
  await signIn(page, officer);
  const formUrl = `/submit?unit=X44011&frequency=monthly&period=${lastMonth}`;
  await page.goto(formUrl);
  await submitCommuneMonth(page);

  // The province returns one report with a comment (a comment is required).
  const approverPage = await (await newClockedContext(browser)).newPage();
  await signIn(approverPage, approver);
  await approverPage.goto('/approvals');
  const rows = approverPage.getByTestId('approval-row').filter({ hasText: 'Mẫu 011' });
  await expect(rows).toHaveCount(6);
  const row = rows.filter({ hasText: DATA_REUSED });
  await row.getByRole('button', { name: /^Trả lại:/ }).click();
  const returnForm = approverPage.getByTestId('return-row');
  await returnForm.getByTestId('return-send').click();
  await expect(returnForm.locator('.field-error')).toContainText('cần sửa gì');
  await returnForm.getByLabel(/Nhận xét gửi đơn vị/).fill(COMMENT);
  await saveScreenshot(approverPage, 'approvals-return');
  await returnForm.getByTestId('return-send').click();
  await expect(approverPage.locator('.approvals-page .form-status')).toContainText('Đã trả lại báo cáo');
  await expect(rows).toHaveCount(5);

  // The submitter sees it returned, with the comment, on the form of that unit and period…
  await page.goto(formUrl);
  const entry = page.locator('[data-testid="report-entry"][data-kpi="data_reused"]');
  await expect(entry.getByTestId('return-comment')).toHaveText(COMMENT);
  await expect(entry).toContainText('Bị trả lại – cần sửa');
  await saveScreenshot(page, 'submit-returned');

  // …and in the report's history.
  await entry.getByRole('link', { name: /Lịch sử/ }).click();
  await expect(page.getByTestId('history-table').locator('tr[data-action="return"]')).toContainText(COMMENT);
  await expect(page.getByTestId('history-return-comment')).toHaveText(COMMENT);

  // Edited and submitted again, it waits for approval once more.
  await page.goto(formUrl);
  await fillEntry(page, 'data_reused', ['45', '75']);
  await page.getByTestId('submit-report').click();
  await expect(page.getByTestId('form-status')).toContainText(/Đã nộp/);
  await expect(entry.getByTestId('return-notice')).toHaveCount(0);
  await expect(entry).toContainText('Đã nộp – chờ duyệt');

  await approverPage.reload();
  await expect(rows).toHaveCount(6);
  await expect(row).toContainText('60,0');
});

test('an officer who submitted a commune’s reports is offered no approval of them (four eyes)', async ({ page, request }) => {
  const officer = await createUser(request, 'province_staff', '44');
  await signIn(page, officer);
  await page.goto(`/submit?unit=X44012&frequency=monthly&period=${lastMonth}`);
  await submitCommuneMonth(page);

  await page.goto('/approvals');
  const rows = page.getByTestId('approval-row').filter({ hasText: 'Mẫu 012' });
  await expect(rows).toHaveCount(6);
  for (const row of await rows.all()) {
    await expect(row.getByTestId('own-work-note')).toContainText('nguyên tắc bốn mắt');
    await expect(row.getByRole('button', { name: /^Phê duyệt:/ })).toHaveCount(0);
    await expect(row.getByRole('checkbox')).toBeDisabled();
  }
  await saveScreenshot(page, 'approvals-own-work');
});
