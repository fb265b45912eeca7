// Large plans like a spreadsheet (issue 9 §6): 20 services entered from a CSV file (a bad file first: located
// problems, nothing added), then sorted, filtered, several edited at once in one undo step, and copied as
// tab-separated text; the cost tables filter, sort and copy too. axe is clean in every state.
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { axeClean, expect, openApp, SHOTS_DIR, test } from './fixtures.ts';

const SAMPLE = readFileSync('examples/services.csv', 'utf8');

async function chooseCsv(page: Page, name: string, contents: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Choose CSV file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(contents) });
}

/** The names of the services table's rows, top to bottom, as shown. */
async function shownNames(page: Page): Promise<string[]> {
  return page
    .locator('table.services tbody')
    .getByRole('textbox', { name: /^Name of service/ })
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const memoryOf = (page: Page, name: string): Locator =>
  page.getByLabel(`Memory MiB of ${name}`, { exact: true });

test('20 services from a CSV file, then sorted, filtered, edited together and copied', async ({ page }) => {
  test.setTimeout(180_000); // eight axe runs and four screenshots on a shared 2-core machine
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'New empty plan' }).click();
  await page.getByLabel('Plan name').fill('Imported services');

  // A file with a problem: each is shown at its line and column, and nothing is added.
  await page.getByRole('button', { name: 'Import services from CSV…' }).click();
  const bad = SAMPLE.replace('payments,evening-peak,60,22,', 'payments,evening-peak,60,-22,').replace(
    'auth,flat,',
    'auth,spiky,',
  );
  await chooseCsv(page, 'bad.csv', bad);
  const issues = page.getByTestId('services-import-issues');
  await expect(issues.getByRole('listitem')).toHaveText([
    'line 6, column "cpuMs": must be a number >= 0',
    'line 7, column "preset": "spiky" is not a preset; the presets are flat, business-hours, evening-peak, nightly-batch, weekday-weekend',
  ]);
  await expect(page.getByText('No services yet')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Add \d+ services?$/ })).toHaveCount(0);
  await axeClean(page, 'services import with problems');

  // The sample file: a preview of the 20 services, then one click adds them.
  await chooseCsv(page, 'services.csv', SAMPLE);
  const preview = page.getByTestId('services-import-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(20);
  await expect(preview.locator('tbody tr').first()).toContainText('checkout');
  await expect(preview.locator('tbody tr').last()).toContainText('Custom curve, 24 h');
  await axeClean(page, 'services import preview');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('services-import').screenshot({ path: `${SHOTS_DIR}/T-import-preview-1440.png` });
  await page.getByRole('button', { name: 'Add 20 services' }).click();
  await expect(page.getByTestId('services-import')).toHaveCount(0);
  await expect(page.getByLabel('Name of service 20')).toHaveValue('web-frontend, edge');
  await expect(page.getByLabel('Name of service 1', { exact: true })).toHaveValue('checkout');
  const planOrder = await shownNames(page);
  expect(planOrder).toHaveLength(20);

  // Sort by CPU ms: a view. The header says how it is sorted; the plan keeps its order (numbers in the labels).
  const cpuHeader = page.locator('table.services thead th').filter({ hasText: 'CPU ms / request' });
  await cpuHeader.getByRole('button').click();
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'ascending');
  expect((await shownNames(page))[0]).toBe('session-cache');
  await cpuHeader.getByRole('button').click();
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'descending');
  expect((await shownNames(page))[0]).toBe('nightly-export');
  await expect(page.getByLabel('Name of service 15')).toHaveValue('nightly-export');
  // Typing into a sorted column does not move the row under the cursor: a sort is applied, not kept.
  await page.getByLabel('CPU ms per request of nightly-export', { exact: true }).fill('0.5');
  expect((await shownNames(page))[0]).toBe('nightly-export');
  await expect(page.getByLabel('CPU ms per request of nightly-export', { exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Move nightly-export up' })).toBeDisabled();
  await axeClean(page, 'services sorted');
  await page.screenshot({ path: `${SHOTS_DIR}/T-services-sorted-1440.png` });

  // Filter: every word must appear in the name.
  await page.getByRole('searchbox', { name: 'Filter services' }).fill('ing');
  await expect(page.getByText('3 of 20 services')).toBeVisible();
  expect(await shownNames(page)).toEqual(['reporting', 'invoicing', 'shipping']);
  await axeClean(page, 'services filtered');

  // Select the three shown and set their memory at once: a value out of range is refused with the schema's words.
  await page.getByRole('checkbox', { name: 'Select the 3 services shown' }).check();
  const bulk = page.getByTestId('bulk-edit');
  await expect(bulk).toContainText('3 services selected');
  await bulk.getByLabel('Set', { exact: true }).selectOption({ label: 'Memory MiB' });
  await bulk.getByLabel('to', { exact: true }).fill('0');
  await bulk.getByRole('button', { name: 'Set for 3 services' }).click();
  await expect(bulk.getByRole('alert')).toHaveText('Memory MiB must be a number > 0.');
  await axeClean(page, 'bulk edit refused');
  await bulk.getByLabel('to', { exact: true }).fill('2048');
  await bulk.getByRole('button', { name: 'Set for 3 services' }).click();
  await expect(bulk.getByRole('status')).toHaveText(
    'Memory MiB set to 2048 for 3 services. Undo takes it back.',
  );
  for (const n of ['reporting', 'invoicing', 'shipping']) await expect(memoryOf(page, n)).toHaveValue('2048');
  await axeClean(page, 'bulk edit done');
  await page.screenshot({ path: `${SHOTS_DIR}/T-bulk-edit-1440.png` });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: `${SHOTS_DIR}/T-bulk-edit-1024.png` });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Copy: the rows shown, in the order shown, tab-separated, plain numbers.
  const servicesSection = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Services' }) });
  await servicesSection.getByRole('button', { name: 'Copy table' }).first().click();
  await expect(
    servicesSection.getByText('Copied 3 rows and the header as tab-separated text.'),
  ).toBeVisible();
  const copied = (await clipboard(page)).trimEnd().split('\n');
  expect(copied[0]).toBe(
    '#\tName\tPeak req/s\tMean req/s\tGrowth per month %\tCPU ms per request\tDuration ms\tMemory MiB\tMin instances\tStateful',
  );
  expect(copied.slice(1).map((l) => l.split('\t'))).toEqual([
    ['7', 'reporting', '12', expect.stringMatching(/^\d+(\.\d+)?$/), '0', '120', '900', '2048', '1', 'FALSE'],
    ['14', 'invoicing', '8', expect.stringMatching(/^\d+(\.\d+)?$/), '0', '60', '500', '2048', '1', 'FALSE'],
    ['13', 'shipping', '25', expect.stringMatching(/^\d+(\.\d+)?$/), '1', '12', '110', '2048', '1', 'FALSE'],
  ]);

  // One edit of three services is one undo step.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(memoryOf(page, 'reporting')).toHaveValue('4096');
  await expect(memoryOf(page, 'invoicing')).toHaveValue('1024');
  await expect(memoryOf(page, 'shipping')).toHaveValue('512');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(memoryOf(page, 'shipping')).toHaveValue('2048');

  // Back to the plan's order: it never changed.
  await page.getByRole('button', { name: "Show the plan's order" }).click();
  expect(await shownNames(page)).toEqual(planOrder);

  // A long name is not cut: the field grows to show it, and the cell's tooltip holds it whole.
  const long = 'checkout-service-for-the-eu-market';
  const first = page.getByLabel('Name of service 1', { exact: true });
  await first.fill(long);
  await expect(page.locator('td.name').first()).toHaveAttribute('title', long);
  expect(await first.evaluate((i) => i.scrollWidth <= i.clientWidth + 1)).toBe(true);

  // The cost per service table filters, sorts and copies plain numbers (no currency symbols).
  await page.getByRole('searchbox', { name: 'Filter cost per service' }).fill('check');
  const breakdown = page.getByTestId('breakdown');
  await expect(breakdown.locator('tbody tr')).toHaveCount(1);
  await expect(breakdown.locator('tfoot')).toContainText('Total per month (all services)');
  await page.getByRole('searchbox', { name: 'Filter cost per service' }).fill('');
  const firstStrategy = breakdown.locator('thead th').nth(1);
  await firstStrategy.getByRole('button').click();
  await firstStrategy.getByRole('button').click();
  await expect(firstStrategy).toHaveAttribute('aria-sort', 'descending');
  const costs = await breakdown.locator('tbody tr td:nth-child(2)').allTextContents();
  const values = costs.map((c) => Number(c.replace(/[^\d.]/g, '')));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  const results = page.locator('section.block').filter({ has: breakdown });
  await results.getByRole('button', { name: 'Copy table' }).click();
  const tsv = (await clipboard(page)).trimEnd().split('\n');
  expect(tsv).toHaveLength(22);
  for (const line of tsv.slice(1)) {
    const cells = line.split('\t');
    for (const c of cells.slice(1)) expect(c).toMatch(/^(-?\d+(\.\d+)?)?$/);
  }
  await axeClean(page, 'cost per service sorted');
  await breakdown.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS_DIR}/T-cost-per-service-1440.png` });
});
