import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

const okButton = (page: Page) => page.getByRole('dialog').last().locator('.ant-modal-footer .ant-btn-primary');

async function asUser(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  // The desk works in Chinese (another test may have left English).
  await page.getByText('中文', { exact: true }).click();
  return page;
}

/** Presses a dialog's OK until the dialog is gone (a click on a dialog still opening can be lost). */
async function confirm(page: Page) {
  await expect(async () => {
    if (await okButton(page).isVisible()) await okButton(page).click();
    await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * 装修 with real money: the supervisor approves, the cashier takes the 装修押金 (a receipt from
 * the billing counter), the permit makes the unit 装修中, acceptance gives the unit back, and the
 * cashier refunds the deposit minus a deduction with a refund receipt, closing the application.
 */
test('a renovation deposit is taken and refunded with receipts, and the unit follows the works', async ({ browser, request }) => {
  test.setTimeout(120_000);
  expect((await request.post('/api/auth/login', { data: { username: 'supervisor', password: DEMO_PASSWORD } })).ok()).toBeTruthy();
  const waiting = (await (await request.get('/api/renovations?status=submitted&pageSize=10')).json()).items as { id: string; number: string }[];
  expect(waiting.length).toBeGreaterThan(0);
  const { id, number } = waiting[0]!;
  const unitRow = (page: Page) => page.locator('.ant-descriptions-row').filter({ hasText: '房屋状态' });

  const sup = await asUser(browser, 'supervisor');
  await sup.goto(`/renovations/${id}`);
  await expect(sup.getByRole('heading', { name: new RegExp(`装修申请\\s*${number}`) })).toBeVisible();
  await sup.getByRole('button', { name: /批\s*准/ }).click();
  await confirm(sup);
  await expect(sup.getByText('已批准').first()).toBeVisible();
  // Money is not the supervisor's: no button to take it.
  await expect(sup.getByRole('button', { name: '收取押金与费用' })).toHaveCount(0);

  const cashier = await asUser(browser, 'cashier');
  await cashier.goto(`/renovations/${id}`);
  await cashier.getByRole('button', { name: '收取押金与费用' }).click();
  const pay = cashier.getByRole('dialog');
  await pay.getByLabel('付款方式').click();
  await cashier.locator('.ant-select-item-option').filter({ hasText: '微信支付' }).click();
  await confirm(cashier);
  await expect(cashier.getByText(/押金已收，收据号 SJ-\d{4}-\d+/)).toBeVisible();
  const receipt = cashier.getByRole('link', { name: /收据 SJ-\d{4}-\d+/ });
  await expect(receipt).toBeVisible();
  await expect(receipt).toHaveAttribute('href', /\/receipts\/[0-9a-z]+\/print$/);

  await sup.reload();
  await sup.getByRole('button', { name: '发放许可证与出入证' }).click();
  await expect(sup.getByText('施工中').first()).toBeVisible();
  await expect(unitRow(sup)).toContainText('装修中');
  await sup.getByRole('button', { name: '竣工验收' }).click();
  await sup.getByRole('dialog').getByLabel('验收情况').fill('验收合格，楼道已清理');
  await confirm(sup);
  await expect(sup.getByText('验收合格').first()).toBeVisible();
  await expect(unitRow(sup)).not.toContainText('装修中');

  await cashier.reload();
  await cashier.getByRole('button', { name: '退还押金' }).click();
  await cashier.getByRole('button', { name: '添加扣款' }).click();
  await cashier.getByRole('dialog').getByLabel('扣款原因 1').fill('楼道墙面污损');
  await cashier.getByRole('dialog').getByLabel('金额（元）1').fill('150');
  await confirm(cashier);
  await expect(cashier.getByText(/押金已退，退款收据号 SJ-\d{4}-\d+/)).toBeVisible();
  await expect(cashier.getByText('已结案').first()).toBeVisible();
  await expect(cashier.locator('.ant-descriptions-row').filter({ hasText: '退押金' })).toContainText('楼道墙面污损');

  // The deposits list shows it refunded, linked to the renovation.
  await cashier.goto('/cashier/prepaid');
  await cashier.getByRole('tab', { name: '押金' }).click();
  const row = cashier.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('已退');
  await expect(row.getByRole('link', { name: '装修申请' })).toBeVisible();
});
