import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

/**
 * Removing a zone, a team and a role from their pages: the supervisor is told what still uses a
 * team (the server's 409 message), fixes it and removes it; built-in roles offer no 删除.
 * Only rows this test creates are removed: the demo data stays for the other tests.
 */

/** An API session with the CSRF header the server wants on writes. */
async function apiAs(request: APIRequestContext, username: string, password = DEMO_PASSWORD) {
  expect((await request.post('/api/auth/login', { data: { username, password } })).ok()).toBeTruthy();
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'pd_csrf')?.value ?? '';
  const headers = { 'x-csrf-token': csrf };
  return {
    get: async (url: string) => (await request.get(url)).json(),
    post: async (url: string, data: unknown) => {
      const res = await request.post(url, { data, headers });
      expect(res.ok(), await res.text()).toBeTruthy();
      return res.json();
    },
    patch: async (url: string, data: unknown) => expect((await request.patch(url, { data, headers })).ok()).toBeTruthy(),
  };
}

/** Clicks 删除 on the row, then 删除 in the 确定删除…？ confirmation. */
async function removeRow(page: Page, name: string, what: string) {
  await page.getByRole('button', { name: `删除 ${name}` }).click();
  const confirm = page.locator('.ant-popconfirm');
  await expect(confirm).toContainText(`确定删除${what}“${name}”？`);
  await confirm.getByRole('button', { name: /删\s*除/ }).click();
}

test('a supervisor is told what still uses a team, removes it once free, and removes an unused zone', async ({ page, request }) => {
  const api = await apiAs(request, 'supervisor');
  const demoTeam = (await api.get('/api/teams?q=维修一班')).items[0];
  const projectId: string = demoTeam.projectId;
  const team = await api.post('/api/teams', { projectId, name: 'E2E临时班', kind: 'maintenance', memberIds: [demoTeam.members[0].userId] });

  await signIn(page, 'supervisor');
  await page.goto('/teams?q=E2E');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await removeRow(page, 'E2E临时班', '班组');
  // Refused with the server's reason; the team stays.
  await expect(page.locator('.ant-message')).toContainText('不能删除班组“E2E临时班”：还有 1 名成员');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);

  await api.patch(`/api/teams/${team.id}`, { memberIds: [] });
  await page.reload();
  await removeRow(page, 'E2E临时班', '班组');
  await expect(page.locator('.ant-message')).toContainText('已删除班组“E2E临时班”');
  await expect(page.locator('.ant-table-row')).toHaveCount(0);

  // A zone without buildings or tickets goes at once.
  await api.post('/api/zones', { projectId, name: 'E2E临时区', buildingIds: [] });
  await page.goto(`/buildings?projectId=${projectId}`);
  await expect(page.getByRole('cell', { name: 'E2E临时区', exact: true })).toBeVisible();
  await removeRow(page, 'E2E临时区', '责任区');
  await expect(page.locator('.ant-message')).toContainText('已删除责任区“E2E临时区”');
  await expect(page.getByRole('cell', { name: 'E2E临时区', exact: true })).toHaveCount(0);
  // The zones that hold buildings are still there.
  await expect(page.getByRole('button', { name: /^删除 / }).first()).toBeVisible();
});

test('an administrator removes a custom role; built-in roles have no 删除', async ({ page, request }) => {
  const api = await apiAs(request, 'admin', 'e2e-admin-password');
  await api.post('/api/roles', { code: 'e2e_inspector', name: 'E2E巡查员', nameEn: 'E2E inspector', permissions: ['org.read'] });

  await signIn(page, 'admin', 'e2e-admin-password');
  await page.goto('/roles');
  await expect(page.getByRole('cell', { name: 'E2E巡查员', exact: true })).toBeVisible();
  // Only the custom role offers 删除.
  await expect(page.getByRole('button', { name: /^删除 / })).toHaveCount(1);
  await removeRow(page, 'E2E巡查员', '角色');
  await expect(page.locator('.ant-message')).toContainText('已删除角色“E2E巡查员”');
  await expect(page.getByRole('cell', { name: 'E2E巡查员', exact: true })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: '接待员', exact: true })).toBeVisible();
});
