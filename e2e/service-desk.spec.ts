import { devices, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

interface ResidentRow {
  id: string;
  name: string;
  phone: string;
  units: { unitId: string; buildingName: string; unitNumber: string; endDate: string | null }[];
}

/** A resident of 丽景花园 who lives in 1栋 (zone 东区 → 维修一班), as the receptionist's API shows it. */
async function residentOfBuilding1(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: { username: 'reception', password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  for (let page = 1; page <= 10; page++) {
    const list = await (await request.get(`/api/residents?pageSize=200&page=${page}&sort=name`)).json();
    for (const r of list.items as ResidentRow[]) {
      const unit = r.units.find((u) => u.buildingName === '1栋' && !u.endDate);
      if (unit) return { resident: r, unitLabel: `${unit.buildingName} ${unit.unitNumber}` };
    }
    if (list.items.length < 200) break;
  }
  throw new Error('the demo project has no resident in 1栋');
}

/** The desk works in Chinese: the language a user chose before (another test may have left English) is switched back. */
async function inChinese(page: Page) {
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: /服务台/ })).toBeVisible();
}

/**
 * The service desk's browser test: phone intake of a repair → dispatch → the technician finishes
 * it on a phone-sized viewport → return visit "unsatisfied" → the ticket is reopened.
 */
test('a repair call is taken, dispatched, finished on a phone, visited unsatisfied and reopened', async ({ page, browser, request, baseURL }) => {
  // Two people, four screens, a dozen saves: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const { resident, unitLabel } = await residentOfBuilding1(request);
  const description = '入户门门锁卡住，钥匙拧不动，请师傅上门查看';

  // 1. The receptionist takes the call: the caller's number finds the resident and the unit.
  await signIn(page, 'reception');
  await inChinese(page);
  await page.getByRole('link', { name: '电话受理', exact: true }).click();
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await expect(page.getByRole('heading', { name: /电话受理/ })).toBeVisible();
  const phoneBox = page.getByLabel('来电号码');
  await phoneBox.fill(resident.phone);
  const match = page.getByRole('listbox', { name: '匹配的住户' }).getByRole('option').filter({ hasText: unitLabel }).first();
  await expect(match).toBeVisible();
  await expect(match).toContainText(resident.name);
  await match.click();
  // The picked caller, with the unit the call is about.
  await expect(page.getByRole('alert').filter({ hasText: resident.name })).toContainText(unitLabel);

  await page.locator('#intake_kind').getByText('报修', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '报修', exact: true })).toBeChecked();
  await page.getByLabel('分类').click();
  await page.locator('.ant-select-tree').getByText('门窗', { exact: true }).click();
  await page.getByLabel('问题描述').fill(description);
  await page.getByRole('button', { name: /保存受理/ }).click();

  // The number to read to the caller, large: BX-YYYYMMDD-NNNN.
  const numberEl = page.getByTestId('ticket-number');
  await expect(numberEl).toBeVisible();
  const ticketNumber = (await numberEl.innerText()).trim();
  expect(ticketNumber).toMatch(/^BX-\d{8}-\d{4}$/);
  await expect(page.getByTestId('ticket-status')).toHaveText('待处理');

  // 2. Dispatch now: the zone's team comes preselected; the technician is the team's leader.
  await page.getByRole('button', { name: /立即派工/ }).click();
  const dispatch = page.getByRole('dialog', { name: new RegExp(`派工 · ${ticketNumber}`) });
  await expect(dispatch).toBeVisible();
  await expect(dispatch.locator('.ant-form-item').filter({ hasText: '维修班组' })).toContainText('维修一班（东区责任区）');
  // A click on an option list still opening can be lost (its animation): choose until it shows.
  const technician = dispatch.locator('.ant-form-item').filter({ hasText: '维修人员' });
  await expect(async () => {
    await dispatch.getByLabel('维修人员（可选）').click();
    await page.locator('.ant-select-dropdown:visible').getByText(/张海涛/).click({ timeout: 2_000 });
    await expect(technician.locator('.ant-select-content, .ant-select-selection-item').first()).toContainText('张海涛', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await dispatch.getByRole('button', { name: /派\s*工/ }).click();
  await expect(dispatch).toBeHidden();
  const workOrderTag = page.getByText(/^派工单 /);
  await expect(workOrderTag).toBeVisible();
  const workOrderNumber = (await workOrderTag.innerText()).replace(/^派工单\s*/, '').trim();
  expect(workOrderNumber).toMatch(/^PG-\d{8}-\d{4}$/);

  // The ticket shows it dispatched, with its work order.
  await page.getByRole('button', { name: /查看工单/ }).click();
  await expect(page).toHaveURL(/\/tickets\/[^/]+$/);
  const ticketUrl = page.url();
  await expect(page.getByRole('heading', { name: ticketNumber })).toBeVisible();
  await expect(page.getByTestId('ticket-status').first()).toHaveText('已派工');
  const ordersCard = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^派工单$/ }) });
  await expect(ordersCard.getByRole('link', { name: workOrderNumber, exact: true })).toBeVisible();
  await expect(ordersCard).toContainText('维修一班');
  await expect(ordersCard).toContainText('张海涛');

  // 3. The technician, on his phone.
  const phone = await browser.newContext({
    baseURL,
    userAgent: devices['Pixel 5'].userAgent,
    deviceScaleFactor: 2,
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const tech = await phone.newPage();
  await signIn(tech, 'tech');
  await inChinese(tech);
  await tech.goto('/work-orders');
  await expect(tech.getByRole('heading', { name: '我的派工单' })).toBeVisible();
  const card = tech.getByTestId('work-order-card').filter({ hasText: workOrderNumber });
  await expect(card).toBeVisible();
  await expect(card).toContainText(ticketNumber);
  await expect(card).toContainText(unitLabel);
  await expect(card).toContainText('已派单');
  // Made for the phone: nothing wider than the screen, the next step a big button.
  expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await card.getByRole('button', { name: /接\s*单/ }).click();
  await expect(tech.getByText(`已接单 ${workOrderNumber}`)).toBeVisible();

  await tech.getByRole('tab', { name: /进行中/ }).click();
  const active = tech.getByTestId('work-order-card').filter({ hasText: workOrderNumber });
  await expect(active).toContainText('已接单');
  await active.getByRole('button', { name: /到场开工/ }).click();
  const confirm = tech.getByRole('dialog').filter({ hasText: '确认已到达现场并开始维修？' });
  await confirm.getByRole('button', { name: /到场开工/ }).click();
  await expect(active).toContainText('维修中');

  await active.getByRole('button', { name: /完\s*工/ }).click();
  const finish = tech.getByRole('dialog', { name: `完工 ${workOrderNumber}` });
  await expect(finish).toBeVisible();
  await finish.getByLabel('维修内容').fill('更换门锁锁芯，开关正常');
  await finish.getByRole('button', { name: /添加材料/ }).click();
  await finish.getByLabel('材料 1 名称').fill('门锁锁芯');
  await finish.getByLabel('数量').fill('2');
  await finish.getByLabel('单价（元）').fill('35.5');
  await expect(finish.getByTestId('materials-total')).toHaveText('材料合计：¥71.00');
  await finish.getByLabel('工时（分钟）').fill('45');
  await finish.getByRole('button', { name: /确认完工/ }).click();
  await expect(finish).toBeHidden();
  await expect(tech.getByText(`${workOrderNumber} 已完工`)).toBeVisible();

  await tech.getByRole('tab', { name: /已完成/ }).click();
  const doneCard = tech.getByTestId('work-order-card').filter({ hasText: workOrderNumber });
  await expect(doneCard).toContainText('已完工');
  await expect(doneCard).toContainText(/完工于 /);
  await phone.close();

  // 4. Back at the desk: the ticket is resolved; the return visit finds the resident unsatisfied.
  await page.goto(ticketUrl);
  await expect(page.getByTestId('ticket-status').first()).toHaveText('已完成');
  await expect(ordersCard).toContainText('已完工');
  await expect(ordersCard).toContainText('更换门锁锁芯，开关正常');
  await expect(ordersCard).toContainText('工时 45 分钟');
  await expect(ordersCard).toContainText('材料 1 项，¥71.00');

  const comment = '住户反映门锁仍然卡顿，要求再次上门';
  await page.getByRole('button', { name: /回\s*访/ }).click();
  const visit = page.getByRole('dialog', { name: `回访 · ${ticketNumber}` });
  await expect(visit).toBeVisible();
  await visit.getByText('不满意', { exact: true }).click();
  await expect(visit.getByRole('radio', { name: '不满意', exact: true })).toBeChecked();
  // Unsatisfied: the comment is what reopens the ticket.
  await expect(visit.getByText('住户意见（将重新打开工单）')).toBeVisible();
  await visit.getByLabel(/住户意见/).fill(comment);
  await visit.getByRole('button', { name: /保存回访/ }).click();
  await expect(visit).toBeHidden();
  await expect(page.getByText('住户不满意：工单已重新打开')).toBeVisible();

  await expect(page.getByTestId('ticket-status').first()).toHaveText('重新打开');
  const events = page.getByTestId('timeline-event');
  const visitEvent = events.filter({ hasText: comment });
  await expect(visitEvent).toBeVisible();
  await expect(visitEvent).toContainText('回访');
  await expect(visitEvent).toContainText('不满意');
  await expect(visitEvent).toContainText('已完成 → 重新打开');
  await expect(visitEvent).toContainText('李晓雪');
  // The earlier steps are on the timeline too: the dispatch and the technician's work.
  await expect(events.filter({ hasText: '待处理 → 已派工' })).toContainText(workOrderNumber);
  const workDone = events.filter({ hasText: '工时 45 分钟' });
  await expect(workDone).toContainText('完工');
  await expect(workDone).toContainText('张海涛');

  // Still so after a reload.
  await page.reload();
  await expect(page.getByTestId('ticket-status').first()).toHaveText('重新打开');
  await expect(page.getByTestId('timeline-event').filter({ hasText: comment })).toBeVisible();
});
