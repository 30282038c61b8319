import { expect, test } from '@playwright/test';
import { signIn } from './support';

/**
 * Issue 2's browser test: a receptionist signs in (zh-CN), finds a resident by the last four
 * digits of the phone, opens the unit; switches to English and sees the same page in English.
 */
test('a receptionist finds a caller by phone tail and opens the unit, in Chinese then English', async ({ page, request }) => {
  // A resident of her project, found the way the API would show it to her.
  const login = await request.post('/api/auth/login', { data: { username: 'reception', password: 'demo2026' } });
  expect(login.ok()).toBeTruthy();
  const list = await (await request.get('/api/residents?pageSize=50&sort=name')).json();
  const resident = list.items.find((r: { units: unknown[] }) => r.units.length > 0);
  expect(resident, 'the demo project has residents with units').toBeTruthy();
  const tail = resident.phone.slice(-4);
  const unit = resident.units[0];
  const unitText = `${unit.buildingName} ${unit.unitNumber}`;

  await signIn(page, 'reception');
  await page.getByRole('link', { name: '住户', exact: true }).click();
  await page.getByPlaceholder('姓名 / 手机尾号 / 房号').fill(tail);
  await page.getByPlaceholder('姓名 / 手机尾号 / 房号').press('Enter');
  // Every row shown matches the tail; our resident is among them.
  await expect(page.getByRole('link', { name: resident.name, exact: true }).first()).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toContainText(tail);
  await page.getByRole('link', { name: resident.name, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/residents/${resident.id}`));
  await expect(page.getByText('业主').or(page.getByText('租户')).or(page.getByText('家属')).first()).toBeVisible();
  // The ID number is masked on screen.
  if (resident.idNumber) await expect(page.getByText(resident.idNumber)).toBeVisible();

  await page.getByRole('link', { name: unitText, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/units/${unit.unitId}`));
  await expect(page.getByText('建筑面积').first()).toBeVisible();
  await expect(page.getByRole('link', { name: resident.name, exact: true }).first()).toBeVisible();

  // The same page in English, remembered for this user.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByText(/gross area/i).first()).toBeVisible();
  await expect(page.getByText('建筑面积')).toHaveCount(0);
  await expect(page.getByRole('link', { name: resident.name, exact: true }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText(/gross area/i).first()).toBeVisible();
  const me = await (await request.get('/api/auth/me')).json();
  expect(me.user.locale).toBe('en');
});
