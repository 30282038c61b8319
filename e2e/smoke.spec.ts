import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('the login page speaks Chinese first and refuses a wrong password', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('物业客户服务中心')).toBeVisible();
  await page.getByLabel('用户名').fill('reception');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
});

test('the admin signs in and sees every menu group', async ({ page }) => {
  await signIn(page, 'admin', 'e2e-admin-password');
  await expect(page.getByRole('menuitem', { name: /住户服务/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /系统设置/ })).toBeVisible();
});

test("a page outside one's role, opened by its address, says so instead of failing request by request", async ({ page }) => {
  await signIn(page, 'director'); // oversees quality, but does not make the return-visit calls (tickets.visit)
  await expect(page.getByRole('menuitem', { name: /回访/ })).toHaveCount(0);
  await page.goto('/return-visits');
  await expect(page.getByText('无权访问此页面')).toBeVisible();
  await page.getByRole('button', { name: /返回首页/ }).click();
  await expect(page).toHaveURL(/\/$/);
  // Pages the role does hold still open, nested ones included.
  await page.goto('/tickets');
  await expect(page.getByText('无权访问此页面')).toHaveCount(0);
  await expect(page.locator('.ant-table')).toBeVisible();
});
