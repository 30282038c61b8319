import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support';

/** fen → "16,280.50", as the collection pages write amounts. */
function yuan(fen: number): string {
  const whole = String(Math.floor(Math.abs(fen) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}
const percent = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

/** The desk works in Chinese: the language a user chose before (another test may have left English) is switched back. */
async function inChinese(page: Page) {
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: /收费管理/ })).toBeVisible();
}

/**
 * Collection on the demo data: the cashier sees 丽景花园's arrears with aging columns, prints a
 * reminder letter for the unit owing most (amounts and 大写 as the API says), finds it in the
 * unit's reminder history, and opens the collection report whose figures match the API.
 */
test('arrears with aging, a printed reminder letter, and the collection report', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'cashier');
  await inChinese(page);
  const projects = await (await page.request.get('/api/org-units?kind=project&pageSize=200')).json();
  const garden = (projects.items as { id: string; name: string }[]).find((p) => p.name === '丽景花园')!;
  const api = await (await page.request.get(`/api/arrears?projectId=${garden.id}&pageSize=1`)).json();
  const top = api.items[0] as { unitId: string; buildingName: string; unitNumber: string; totalFen: number; aging: Record<string, number> };
  expect(api.totals.unitCount).toBeGreaterThan(0);

  // The arrears list, reached from the menu, with its aging columns and the largest debt first.
  await page.getByRole('menuitem', { name: '欠费与催缴' }).click();
  await expect(page.getByRole('heading', { name: '欠费管理' })).toBeVisible();
  await page.getByRole('combobox', { name: '项目' }).click();
  await page.locator('.ant-select-dropdown:visible').getByText('丽景花园', { exact: true }).click();
  for (const col of ['30天以内', '31–90天', '91–180天', '181–365天', '365天以上', '滞纳金', '合计']) {
    await expect(page.getByRole('columnheader', { name: col, exact: true })).toBeVisible();
  }
  const firstRow = page.getByRole('row').nth(1);
  await expect(firstRow).toContainText(`${top.buildingName} ${top.unitNumber}`);
  await expect(firstRow).toContainText(yuan(top.totalFen));
  await expect(page.getByText('欠费户数')).toBeVisible();

  // Choose the unit → print its reminder letter (催缴通知书).
  await firstRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: /打印催缴通知书 \(1\)/ }).click();
  await expect(page).toHaveURL(/\/collection\/letters\?ids=/);
  const letter = page.getByRole('region', { name: `催缴通知书 ${top.buildingName}${top.unitNumber}` });
  await expect(letter).toBeVisible();
  await expect(letter.getByRole('heading', { name: '催缴通知书' })).toBeVisible();
  await expect(letter.getByTestId('letter-total')).toHaveText(`¥${yuan(top.totalFen)}`);
  const noticeId = new URL(page.url()).searchParams.get('ids')!;
  const kept = await (await page.request.get(`/api/dunning-notices/${noticeId}/letter`)).json();
  expect(kept.totalFen).toBe(top.totalFen);
  await expect(letter.getByTestId('letter-capital')).toHaveText(kept.totalCapital);
  await expect(letter.getByRole('row')).toHaveCount(kept.lines.length + 2);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole('button', { name: /打印 1 份/ }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.getByText('A5', { exact: true }).click();
  await expect(page).toHaveURL(/size=A5/);

  // The reminder is kept on the unit.
  await expect(page.getByRole('button', { name: '返回欠费管理' })).toBeVisible();
  await page.goto(`/collection/arrears?projectId=${garden.id}&unitId=${top.unitId}`);
  await page.getByRole('button', { name: `${top.buildingName} ${top.unitNumber}` }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('催缴记录')).toBeVisible();
  await expect(drawer.getByRole('row').filter({ hasText: '催缴通知书' }).filter({ hasText: yuan(top.totalFen) }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // The collection report: the year's figures on the page are the API's.
  const year = Number(kept.asOf.slice(0, 4));
  const report = await (await page.request.get(`/api/reports/collection?projectId=${garden.id}&year=${year}`)).json();
  await page.getByRole('menuitem', { name: '收缴率报表' }).click();
  await expect(page.getByRole('heading', { name: '收缴率报表' })).toBeVisible();
  // The project and year travel in the address (a report can be bookmarked and shared).
  await page.goto(`/collection/report?projectId=${garden.id}&year=${year}`);
  await expect(page.getByText(/^丽景花园 · 截至/)).toBeVisible();
  await expect(page.getByRole('img', { name: '收缴率图表' })).toBeVisible();
  const yearRow = page.getByRole('row').filter({ hasText: '全年' }).last();
  await expect(yearRow).toContainText(yuan(report.totals.billedFen));
  await expect(yearRow).toContainText(yuan(report.totals.collectedFen));
  if (report.totals.rateBp !== null) await expect(yearRow).toContainText(percent(report.totals.rateBp));
  if (report.totals.targetBp !== null) await expect(yearRow).toContainText(percent(report.totals.targetBp));
  const nov = report.months[10];
  await expect(page.getByRole('row').filter({ hasText: /^11月/ })).toContainText(yuan(nov.billedFen));
});
