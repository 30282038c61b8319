import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo2026';

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}
