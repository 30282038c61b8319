import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support';

/** The desk works in Chinese: a language another test left behind is switched back. */
async function inChinese(page: Page) {
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: /前台/ }).first()).toBeVisible();
}

/** Picks an option of an antd select by the field's label. */
async function choose(page: Page, label: string, option: RegExp) {
  // A required field's name carries antd's asterisk.
  await page.getByRole('combobox', { name: new RegExp(`^(\\* )?${label}$`) }).click();
  await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
}

async function planWeek(page: Page, person: RegExp, start: string, end: string) {
  await page.getByRole('button', { name: /排\s*班/ }).click();
  const dialog = page.getByRole('dialog', { name: '排班' });
  await expect(dialog).toBeVisible();
  await choose(page, '值班人员', person);
  // The dates default to the whole week shown.
  await expect(dialog.locator('.ant-select-selection-item, .ant-select-selection-overflow-item').first()).toBeVisible();
  await dialog.getByLabel(/上班$/).fill(start);
  await dialog.getByLabel(/下班$/).fill(end);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已排 7 个班次')).toBeVisible();
  await expect(dialog).toBeHidden();
}

/**
 * The roster's browser test: the reception supervisor plans next week for the mall's service desk
 * (weekdays 09:30–22:00, weekends 09:30–22:30), sees the evening gaps after the early shifts,
 * fills them with a late shift, and the coverage check reports no empty post.
 */
test('the supervisor plans a week for the mall desk, sees the gaps, fills them and the coverage check reports none', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'supervisor');
  await inChinese(page);
  await page.getByRole('link', { name: '排班', exact: true }).click();
  await expect(page).toHaveURL(/\/frontdesk\/roster/);
  await choose(page, '前台', /丽悦新天购物中心 · 一楼服务台/);

  // Next week: nobody is planned yet, every day of it is a gap.
  await page.getByText('周', { exact: true }).click();
  await page.getByRole('button', { name: '下一周' }).click();
  const summary = page.getByTestId('coverage-summary');
  await expect(summary).toContainText('空岗 7 处');
  await expect(page.getByTestId('gap')).toHaveCount(7);

  // The early shift for the whole week: the evenings are still empty (16:00 until closing).
  await planWeek(page, /赵欣怡/, '09:30', '16:00');
  await expect(summary).toContainText('空岗 7 处');
  await expect(page.getByTestId('gap').filter({ hasText: '16:00–22:00' })).toHaveCount(5);
  await expect(page.getByTestId('gap').filter({ hasText: '16:00–22:30' })).toHaveCount(2);

  // The late shift fills them: no empty post left in the week.
  await planWeek(page, /孙悦/, '15:30', '22:30');
  await expect(summary).toContainText('无空岗');
  await expect(page.getByTestId('gap')).toHaveCount(0);
  // 赵欣怡 also works this week: thirteen days in a row break the rest-day rule, and a rest day is proposed.
  await expect(page.getByText('违反休息规定', { exact: false })).toBeVisible();
  await expect(page.getByText(/赵欣怡：.*建议 .* 休息/)).toBeVisible();
});

/**
 * A notice with an attachment (通知附件): the supervisor publishes a notice to the mall's staff
 * with a small PDF, and the mall's receptionist opens the notice and finds the file as a link
 * that downloads the same PDF.
 */
test('the supervisor publishes a notice with a PDF and the receptionist sees and opens the attachment', async ({ page }) => {
  const title = '周末促销排班调整（见附件）';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  await signIn(page, 'supervisor');
  await inChinese(page);
  await page.goto('/frontdesk/notices');
  await page.getByRole('button', { name: /发\s*布/ }).click();
  const dialog = page.getByRole('dialog', { name: '发布通知 / 上报' });
  await expect(dialog).toBeVisible();
  // The page's own project filter is labelled 项目 too: the form's is the one in the dialog.
  await dialog.getByRole('combobox', { name: /^(\* )?项目$/ }).click();
  await page.locator('.ant-select-dropdown:visible').getByText(/丽悦新天购物中心/).first().click();
  await dialog.getByLabel(/标题$/).fill(title);
  await dialog.getByLabel(/内容$/).fill('本周末促销，服务台排班调整如附件，请各位查阅。');
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/notices/files') && r.request().method() === 'POST');
  await dialog.locator('input[type=file]').setInputFiles({ name: '促销排班表.pdf', mimeType: 'application/pdf', buffer: pdf });
  expect((await uploaded).status()).toBe(201);
  await expect(dialog.getByText('促销排班表.pdf')).toBeVisible();
  await dialog.getByRole('button', { name: /发\s*送/ }).click();
  await expect(dialog).toBeHidden();

  // The mall's receptionist (孙悦) is a recipient: the notice shows its attachment as a link.
  await page.context().clearCookies();
  await signIn(page, 'mallfront2');
  await inChinese(page);
  await page.goto('/frontdesk/notices');
  await page.getByRole('row').filter({ hasText: title }).click();
  const drawer = page.getByRole('dialog', { name: title });
  await expect(drawer).toBeVisible();
  const link = drawer.getByRole('link', { name: /促销排班表\.pdf/ });
  await expect(link).toBeVisible();
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await file.body()).equals(pdf)).toBe(true);
});

test('the supervisor corrects where a key is kept, and the register shows it', async ({ page }) => {
  await signIn(page, 'supervisor');
  await inChinese(page);
  await page.goto('/frontdesk/keys');
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await expect(row).toBeVisible();
  const label = (await row.locator('td').first().innerText()).trim();
  await row.getByRole('button', { name: /修\s*改/ }).click();
  const dialog = page.getByRole('dialog', { name: `修改钥匙：${label}` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/存放位置$/).fill('前台钥匙柜 C3（已更正）');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: label })).toContainText('前台钥匙柜 C3（已更正）');
});
