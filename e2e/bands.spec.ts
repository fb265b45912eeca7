// Issue 11 §3 in the app, end to end: uncertainty ranges typed in the editor (plan-wide and on one service, an
// invalid value kept and located like any other) give shaded bands on the results and in the forecast, and the
// simulation's "cheapest in N% of cases"; a plan without ranges looks as it always did. Issue 11 "Performance": a
// long simulation shows its progress and a Cancel that stops it, and an edit that changes the figures cancels it.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { axeClean, expect, importFile, largePlan, openApp, shot, test, waitSaved } from './fixtures.ts';

const BAND = /^\(low \$[\d,]+\.\d\d – high \$[\d,]+\.\d\d\)$/;

async function openInternalTools(page: Page): Promise<void> {
  await openApp(page);
  const plan = JSON.parse(await readFile('examples/internal-tools.json', 'utf8')) as Record<string, unknown>;
  await importFile(page, 'tools.json', JSON.stringify({ ...plan, version: 2 }));
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
  await expect(page.getByTestId('forecast-table')).toBeAttached();
}

test('ranges typed in the editor: bands on the cards, the range chart and the forecast, and how sure the cheapest is', async ({
  page,
}) => {
  await openInternalTools(page);
  // No ranges: the results as they always were.
  await expect(page.getByTestId('cost-band')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Monthly cost range by strategy' })).toHaveCount(0);
  await expect(page.getByTestId('forecast-bands-note')).toHaveCount(0);

  // Plan-wide: traffic from half to three times its value.
  await page.getByRole('tab', { name: 'Plan-wide' }).click();
  await page.locator('[data-path="uncertainty.trafficRps.low"]').fill('0.5');
  await page.locator('[data-path="uncertainty.trafficRps.high"]').fill('3');

  // One service's own CPU range, in its details, with an invalid value on the way: kept, at its field, and the
  // edits after it are not lost.
  await page.getByRole('tab', { name: 'Services' }).click();
  await page.getByRole('button', { name: 'Curve & details of wiki' }).click();
  const details = page.getByRole('dialog', { name: 'Service details: wiki' });
  const own = details.getByRole('group', { name: 'Uncertainty', exact: true });
  await expect(own.getByRole('group', { name: 'CPU ms per request', exact: true })).toBeVisible();
  const low = details.locator('[data-path="services[1].uncertainty.cpuMsPerRequest.low"]');
  const high = details.locator('[data-path="services[1].uncertainty.cpuMsPerRequest.high"]');
  await low.fill('1.2');
  await expect(low).toHaveAttribute('aria-invalid', 'true');
  await expect(own.getByText('must be a number <= 1')).toBeVisible();
  await expect(page.getByRole('heading', { name: '1 problem in this plan' })).toBeVisible();
  await high.fill('1.6');
  await expect(page.locator('.save-state')).toHaveText('Draft saved: fix the problems');
  await page.reload();
  await page.getByRole('tab', { name: 'Services' }).click();
  await expect(page.getByRole('heading', { name: 'Service details: wiki' })).toBeVisible();
  await expect(low).toHaveValue('1.2');
  await expect(high).toHaveValue('1.6');
  await low.fill('0.8');
  await expect(low).toHaveAttribute('aria-invalid', 'false');
  await waitSaved(page);
  await axeClean(page, 'a service’s uncertainty ranges in its details');
  await own.scrollIntoViewIfNeeded();
  await shot(page, 'B-service-ranges');

  // The cards: "$X per month (low $L – high $H)" on every strategy that can be costed.
  const bands = page.getByTestId('cost-band');
  await expect(bands).toHaveCount(4);
  for (const band of await bands.all()) await expect(band).toHaveText(BAND);

  // The range chart, with its data table: low ≤ typical ≤ high.
  const range = page.getByRole('region', { name: 'Monthly cost range by strategy', exact: true });
  await expect(range).toBeVisible();
  await range.getByText('Show data').click();
  const rows = range.getByTestId('cost-range-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) {
    const cells = (await row.locator('td').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));
    expect(cells[0]!).toBeLessThanOrEqual(cells[1]!);
    expect(cells[1]!).toBeLessThanOrEqual(cells[2]!);
  }

  // The forecast: shaded bands, said in its notes, each month's low – high in its data table.
  await expect(page.getByTestId('forecast-bands-note')).toBeVisible();
  const forecast = page.getByRole('region', { name: /^Forecast: 12 months from / });
  await forecast.getByText('Show data').click();
  await expect(
    page.getByTestId('forecast-table').locator('tbody tr').first().locator('td').first(),
  ).toHaveText(/^\$[\d,]+\.\d\d, range \$[\d,]+\.\d\d – \$[\d,]+\.\d\d$/);

  // How sure the cheapest is: the sentence stays with the results once simulated.
  const analysis = page.getByTestId('analysis');
  await analysis.getByRole('button', { name: 'How sure is the cheapest? (simulate the ranges)' }).click();
  await expect(analysis.getByTestId('simulation-answer')).toHaveText(
    / is the cheapest in [\d.]+% of cases\.$/,
  );
  await axeClean(page, 'bands on the results and in the forecast, with the simulation');
  await page.emulateMedia({ colorScheme: 'dark' });
  await axeClean(page, 'bands on the results and in the forecast, dark theme');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.locator('.cards').scrollIntoViewIfNeeded();
  await shot(page, 'B-bands-cards');
  await range.scrollIntoViewIfNeeded();
  await shot(page, 'B-bands-range');
  await page.getByTestId('forecast-answer').scrollIntoViewIfNeeded();
  await shot(page, 'B-bands-forecast');

  // A later edit that changes the figures dates the simulation (it stays, said to be of the plan before).
  await page.getByLabel('CPU ms per request of wiki').fill('30');
  await expect(analysis.getByTestId('simulation-dated')).toBeVisible();
});

test('a long simulation shows its progress and a Cancel that stops it; an edit cancels it too', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  // 600 services: a simulation of 1,000 samples runs for seconds even on a fast machine, so each step below happens
  // while it runs (the checks between starting it and cancelling it are kept short for the same reason).
  const plan = JSON.parse(largePlan(600)) as Record<string, unknown>;
  await importFile(
    page,
    'large.json',
    JSON.stringify({ ...plan, version: 2, uncertainty: { trafficRps: { low: 0.5, high: 2 } } }),
  );
  await expect(page.getByLabel('Plan name')).toHaveValue('Large plan');
  const analysis = page.getByTestId('analysis');
  const simulate = analysis.getByRole('button', { name: 'How sure is the cheapest? (simulate the ranges)' });
  const cancel = analysis.getByRole('button', { name: 'Cancel' });
  const progress = analysis.getByTestId('analysis-progress');

  await simulate.click();
  await expect(progress).toHaveText(/^Simulating… /);
  await expect(simulate).toBeDisabled();
  await cancel.click();
  // Back as it was: no progress, no Cancel, no answer, the buttons usable.
  await expect(progress).toHaveText('');
  await expect(cancel).toHaveCount(0);
  await expect(simulate).toBeEnabled();
  await expect(analysis.getByTestId('simulation-answer')).toHaveCount(0);

  // Again, looked at while it runs; then an edit that changes the figures cancels it (a rename does not).
  await simulate.click();
  await expect(cancel).toBeVisible();
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="analysis"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await analysis.scrollIntoViewIfNeeded();
  await shot(page, 'B-simulation-progress');
  await page.getByLabel('Plan name').fill('Large plan, renamed');
  await expect(cancel).toBeVisible();
  await page.getByLabel('CPU ms per request of svc-0').fill('9');
  await expect(cancel).toHaveCount(0);
  await expect(progress).toHaveText('');
  await expect(analysis.getByTestId('simulation-answer')).toHaveCount(0);

  // The analyses still answer after a cancel (a new worker runs them).
  await analysis.getByRole('button', { name: 'Which input drives the cost? (±25%)' }).click();
  await expect(analysis.getByTestId('tornado-answer')).toBeVisible({ timeout: 120_000 });
});
