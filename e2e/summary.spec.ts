// Issue 9 §2, the answer in view: a summary strip with every strategy's total, the cheapest complete one and its
// margin, and what the last edit changed stays in view while the plan is edited, down to 1024×700; a service's
// "Curve & details" opens in a panel beside the table, takes focus, and gives it back on Escape.
import type { Locator, Page } from '@playwright/test';
import { axeClean, expect, importFile, largePlan, openApp, shot, test } from './fixtures.ts';

const strip = (page: Page) => page.getByRole('region', { name: 'Cost summary' });

/** The element's box lies wholly inside the viewport. */
async function expectInViewport(page: Page, el: Locator, what: string): Promise<void> {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.y, `${what} top in view`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom in view`).toBeLessThanOrEqual(view.height);
  expect(box!.x, `${what} left in view`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} right in view`).toBeLessThanOrEqual(view.width);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, 'the page does not scroll sideways').toBeLessThanOrEqual(client);
}

test('the totals stay in view while editing at 1024×700, and say what the last edit changed', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const summary = strip(page);
  await expect(summary).toBeVisible();
  for (const id of ['shared-host', 'vm-per-service', 'container-cluster', 'serverless'])
    await expect(summary.locator(`[data-strategy="${id}"] [data-testid="total"]`)).toHaveText(
      /^\$[\d,]+\.\d\d$/,
    );
  // The cheapest complete strategy is named with its margin over the others.
  await expect(summary.getByTestId('cheapest')).toContainText(/is the cheapest: \d+(\.\d)?% below /);
  // Small enough to leave room for the editor.
  expect((await summary.boundingBox())!.height).toBeLessThanOrEqual(130);
  await noHorizontalScroll(page);
  await axeClean(page, 'the summary strip');
  await shot(page, 'summary-1024');

  // Edit a service far down the table: the strip is still on screen, and says what the edit did.
  const field = page.getByLabel('CPU ms per request of accounting', { exact: true });
  await field.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 400));
  await field.fill('400'); // from 120
  await expect(summary.getByTestId('last-edit')).toContainText(/\+\$[\d,]+\.\d\d on /);
  await expect(summary.getByTestId('last-edit')).toContainText('“accounting”');
  await expectInViewport(page, summary, 'the summary strip');
  await expect(field).toBeFocused();
  await expectInViewport(page, field, 'the field being edited');
  // Each strategy whose total moved shows by how much.
  await expect(summary.locator('[data-testid="delta"]').first()).toHaveText(/^[+−]\$[\d,]+\.\d\d$/);
  await noHorizontalScroll(page);
  await axeClean(page, 'the summary strip after an edit');
  await shot(page, 'summary-1024-after-edit');

  await page.setViewportSize({ width: 1440, height: 900 });
  await expectInViewport(page, summary, 'the summary strip at 1440×900');
  await shot(page, 'summary-1440-after-edit');
});

test('the strip marks a strategy that cannot be costed and a draft with problems, never a plain $0', async ({
  page,
}) => {
  test.slow(); // axe twice with a 168-hour curve open beside the table
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const summary = strip(page);
  await page.getByLabel('New service name').fill('db');
  await page.getByRole('button', { name: 'Add service' }).click();
  await page.getByLabel('Memory MiB of db').fill('16384');
  const cluster = summary.locator('[data-strategy="container-cluster"]');
  await expect(cluster).toContainText('cannot be costed');
  await expect(cluster.getByTestId('total')).toHaveText('—');
  await expect(summary.getByTestId('cheapest')).not.toContainText('Containers is the cheapest');
  await expect(summary.getByTestId('last-edit')).toContainText('can no longer be costed');
  await axeClean(page, 'a strategy that cannot be costed');

  await page.getByLabel('CPU ms per request of db').fill('3x');
  await expect(summary.getByTestId('draft')).toContainText('1 problem: totals of the last valid version');
  await axeClean(page, 'a draft with problems');
  await shot(page, 'summary-1024-draft');
  // Its button moves focus to the field with the problem.
  await summary.getByRole('button', { name: /Go to the problem/ }).click();
  await expect(page.getByLabel('CPU ms per request of db')).toBeFocused();
});

test('Curve & details opens beside the row, takes focus, and Escape gives it back to the row’s button', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const button = page.getByRole('button', { name: 'Curve & details of order' });
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Service details: order' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Service details: order' })).toBeFocused();
  // Its top is on screen where the button was clicked, not far below the table.
  const top = (await panel.boundingBox())!.y;
  expect(top).toBeLessThan(700);
  expect(top).toBeGreaterThanOrEqual(0);
  await expectInViewport(page, strip(page), 'the summary strip');
  await noHorizontalScroll(page);
  await axeClean(page, 'the details panel');
  await shot(page, 'details-1024');

  await page.keyboard.press('Tab');
  await expect(panel.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await page.setViewportSize({ width: 1440, height: 900 });
  await button.click();
  await expect(panel.getByRole('heading', { name: 'Service details: order' })).toBeFocused();
  await shot(page, 'details-1440');
  await panel.getByRole('button', { name: 'Close details' }).click();
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('in a 300-service plan the details of a row open in view, with focus, and close back to the row', async ({
  page,
}) => {
  test.slow(); // axe over a page of 50 rows, and every edit evaluated in the worker
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  await importFile(page, 'large.json', largePlan(300));
  await expect(page.getByText('Services 1–50 of 300')).toBeVisible();
  const button = page.getByRole('button', { name: 'Curve & details of svc-42' });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Service details: svc-42' });
  await expect(panel.getByRole('heading', { name: 'Service details: svc-42' })).toBeFocused();
  await expectInViewport(
    page,
    panel.getByRole('heading', { name: 'Service details: svc-42' }),
    'its heading',
  );
  await expectInViewport(page, strip(page), 'the summary strip');
  await axeClean(page, 'the details panel of a large plan');
  await shot(page, 'details-300-services');
  // Editing in the panel updates the totals in view (evaluated in the worker at this size).
  const before = await strip(page)
    .locator('[data-strategy="serverless"] [data-testid="total"]')
    .textContent();
  await panel.getByLabel('Memory (MB, 128–10240)').fill('3008');
  await expect(strip(page).locator('[data-strategy="serverless"] [data-testid="total"]')).not.toHaveText(
    before!,
  );
  await expect(strip(page).getByTestId('last-edit')).toContainText('“svc-42”');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
});
