// Everything a user did survives a reload and a browser restart on the same profile.
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL } from '../playwright.config.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { cardCosts, expect, openApp, test, waitSaved, watchPage, type Watch } from './fixtures.ts';

test('reload keeps every edit and the open plan', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Memory MiB of kitchen').fill('2048');
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  // Typed once the scenario is open, as a person would: typing into the base plan's name while the scenario opens
  // under the cursor would edit a field that is being replaced.
  await expect(page.getByLabel('Plan name')).toHaveValue(/— what-if$/);
  await page.getByLabel('Plan name').fill('Kitchen on bigger boxes');
  await waitSaved(page);
  const costs = await cardCosts(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await expect(page.getByLabel('Plan name')).toHaveValue('Kitchen on bigger boxes');
  await expect(page.getByLabel('Memory MiB of kitchen')).toHaveValue('2048');
  expect(await cardCosts(page)).toEqual(costs);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(page.getByRole('row', { name: /Kitchen on bigger boxes/ })).toContainText(
    'scenario of Food delivery platform',
  );
});

test('a browser restart on the same profile keeps everything', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL: BASE_URL,
      viewport: { width: 1400, height: 900 },
    });
  const watch: Watch = { problems: [], foreignRequests: [] };
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    watchPage(page, watch);
    await openApp(page);
    await page.getByLabel('Plan name').fill('Restart test');
    await page.getByLabel('CPU ms per request of delivery').fill('33');
    await waitSaved(page);
    const costs = await cardCosts(page);
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    watchPage(page, watch);
    await openApp(page);
    await expect(page.getByLabel('Plan name')).toHaveValue('Restart test');
    await expect(page.getByLabel('CPU ms per request of delivery')).toHaveValue('33');
    expect(await cardCosts(page)).toEqual(costs);
    // The example is not seeded again on the second start.
    await page.getByRole('button', { name: 'Plans', exact: true }).click();
    await expect(page.locator('table.list tbody tr')).toHaveCount(1);
    await context.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  expect(watch.problems).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
