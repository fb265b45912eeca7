// A plan above the worker threshold (200 services) is evaluated in the engine worker: results appear, follow
// edits, and the worker loads under the app's content security policy without a console error.
import { cardCosts, expect, importFile, largePlan, test } from './fixtures.ts';

test('a 300-service plan is evaluated in the worker and follows edits', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await importFile(page, 'large.json', largePlan(300));
  await expect(page.getByText('Large plan · prices')).toBeVisible();
  await expect(page.getByText('Services 1–50 of 300')).toBeVisible();
  expect(workers).toEqual([expect.stringMatching(/engine\.worker.*\.js$/)]);
  const before = await cardCosts(page);
  for (const c of Object.values(before)) expect(c).toMatch(/^\$[\d,]+\.\d\d$/);

  await page.getByLabel('Duration ms of svc-7', { exact: true }).fill('900');
  await expect.poll(async () => (await cardCosts(page)).serverless).not.toBe(before.serverless);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Name of service 51')).toHaveValue('svc-50');
  // The forecast arrives from the worker too: its chart's data table has twelve months.
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(12);
});
