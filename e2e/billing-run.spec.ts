import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

/**
 * Month end, in the browser: the cashier enters the one water reading 1栋 1103 was missing in the
 * building's grid (type, Enter, save); the director previews 2026-11 — only that line is new —
 * commits it, and the unit's bill shows the water line with its tier breakdown.
 */
test('a missing reading is entered in the grid, the month is previewed and billed, the bill shows the tiers', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const PERIOD = '2026-11';
  // The meter and its last reading, as the cashier's API shows them.
  expect((await request.post('/api/auth/login', { data: { username: 'cashier', password: DEMO_PASSWORD } })).ok()).toBeTruthy();
  const meters = await (await request.get(`/api/meters?q=W-1-1103&period=${PERIOD}`)).json();
  const meter = meters.items.find((m: { number: string }) => m.number === 'W-1-1103');
  expect(meter.periodReading).toBeNull();
  const reading = meter.lastReading.readingMilli + 12_000;
  const typed = `${Math.trunc(reading / 1000)}.${String(reading % 1000).padStart(3, '0')}`;

  const cashierContext = await browser.newContext();
  const cashier = await cashierContext.newPage();
  await signIn(cashier, 'cashier');
  await cashier.getByText('中文', { exact: true }).click();
  await cashier.goto('/billing/readings');
  await cashier.getByRole('combobox', { name: '项目' }).click();
  await cashier.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: /^丽景花园$/ }).click();
  await expect(cashier.getByRole('combobox', { name: '楼栋' })).toBeEnabled();
  await cashier.getByRole('combobox', { name: '楼栋' }).click();
  await cashier.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: /^1栋$/ }).click();
  await cashier.getByRole('combobox', { name: '抄表月份' }).click();
  await cashier.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: new RegExp(`^${PERIOD}$`) }).click();
  const input = cashier.getByRole('textbox', { name: '1103 本次读数' });
  await input.fill(typed);
  await input.press('Enter');
  await cashier.getByRole('button', { name: /保存 1 条读数/ }).click();
  await expect(cashier.getByText(/已保存 1 条读数/)).toBeVisible();
  await expect(cashier.getByRole('textbox', { name: '1103 本次读数' })).toHaveCount(0);
  await cashierContext.close();

  const directorContext = await browser.newContext();
  const director = await directorContext.newPage();
  await signIn(director, 'director');
  await director.getByText('中文', { exact: true }).click();
  await director.goto('/billing/runs');
  await director.getByRole('combobox', { name: '项目' }).click();
  await director.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: /^丽景花园$/ }).click();
  await director.getByRole('combobox', { name: '出账月份' }).click();
  await director.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: new RegExp(`^${PERIOD}$`) }).click();
  await director.getByRole('button', { name: /预\s*览/ }).click();
  await expect(director.getByText(`预览：${PERIOD}`)).toBeVisible();
  const waterRow = director.getByRole('row').filter({ hasText: '水费' }).first();
  await expect(waterRow.getByRole('cell').nth(2)).toHaveText('1');
  await director.getByRole('button', { name: /确认出账/ }).first().click();
  await director.getByRole('dialog').getByRole('button', { name: /确认出账/ }).click();
  await expect(director.getByText('出账已完成并记录')).toBeVisible();

  // Billing the month again bills nothing twice.
  await director.getByRole('button', { name: /预\s*览/ }).click();
  await expect(director.getByRole('row').filter({ hasText: '水费' }).first().getByRole('cell').nth(2)).toHaveText('0');

  const bills = await (await request.get(`/api/bills?q=1103&period=${PERIOD}`)).json();
  const bill = bills.items.find((b: { buildingName: string }) => b.buildingName === '1栋');
  await director.goto(`/billing/bills/${bill.id}`);
  await expect(director.getByText('水费 2026-11（表 W-1-1103）')).toBeVisible();
  // Heavy users are past the first tiers by November: whichever tier it fell in is shown.
  await expect(director.getByRole('cell', { name: /^第\d档$/ }).first()).toBeVisible();
  await directorContext.close();
});
