// Issue 13 §4 and §2: the catalog editor. Edit instance prices, use the catalog in the plan and see every strategy
// on instances change; typed text that is not a number stays in its field with its problem; save a custom catalog;
// compare it with the bundled one; "prices as of" with its age warning. Axe clean on the editor.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { axeClean, cardCosts, expect, openApp, test, waitSaved } from './fixtures.ts';

test('editing instance prices and using the catalog changes every strategy on instances; typed text is never lost', async ({
  page,
}) => {
  test.slow();
  await openApp(page);
  const before = await cardCosts(page);
  await page.getByRole('button', { name: 'Edit prices…' }).click();
  await expect(page.getByRole('heading', { name: 'Price catalogs', level: 2 })).toBeVisible();
  await axeClean(page, 'the catalog editor');

  // Not a number: kept as typed, marked, the problem at the field, and the catalog cannot be used.
  const first = page.getByLabel(/^Price per hour of /).first();
  await first.fill('0.1x');
  await first.blur();
  await expect(first).toHaveValue('0.1x');
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: '1 problem in this catalog' })).toBeVisible();
  await axeClean(page, 'a catalog problem at its field');

  // Every instance type three times its price.
  const prices = page.getByLabel(/^Price per hour of /);
  const n = await prices.count();
  expect(n).toBeGreaterThan(10);
  for (let i = 0; i < n; i++) {
    const box = prices.nth(i);
    const value = i === 0 ? 0.5 : Number(await box.inputValue());
    await box.fill(String(Math.round(value * 3 * 1e6) / 1e6));
  }
  await expect(page.getByRole('heading', { name: /problems? in this catalog/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use in this plan' }).click();
  await page.getByRole('button', { name: 'Back to the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await expect(page.getByText(/^\s*Prices: AWS us-east-1/)).toBeVisible();
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).not.toBe(before['vm-per-service']);
  const after = await cardCosts(page);
  for (const id of ['shared-host', 'vm-per-service', 'container-cluster'])
    expect(after[id], `${id} follows the edited prices`).not.toBe(before[id]);
  await waitSaved(page);

  // Undo puts the bundled catalog back, and the figures with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).toBe(before['vm-per-service']);
});

test('"prices as of" warns once the catalog is more than 180 days old, by the page\'s clock', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date('2000-01-01T12:00:00Z'));
  await openApp(page);
  const line = page.getByText(/Prices: .*, as of (\d{4}-\d\d-\d\d)/);
  const asOf = /as of (\d{4}-\d\d-\d\d)/.exec((await line.textContent()) ?? '')![1]!;
  const warning = page.getByRole('note').filter({ hasText: /These prices are \d+ months old/ });
  const day = (n: number) => new Date(Date.parse(`${asOf}T12:00:00Z`) + n * 86_400_000);
  // Day 180 after the catalog's date: no warning; day 181: the warning.
  await page.clock.setFixedTime(day(180));
  await page.reload();
  await expect(line).toBeVisible();
  await expect(warning).toHaveCount(0);
  await page.clock.setFixedTime(day(181));
  await page.reload();
  await expect(warning).toHaveText(/These prices are 5 months old \(181 days\)/);
  await axeClean(page, 'the prices age warning');
});

test('save a custom catalog, find it after a reload, compare it with the bundled one', async ({ page }) => {
  test.slow();
  await openApp(page);
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  // The other figures come in one closed group per part of the catalog.
  await expect(page.getByLabel('nat.perGB')).toBeHidden();
  await page.locator('details.group > summary').filter({ hasText: /^nat / }).click();
  await page.getByLabel('nat.perGB').fill('0.03');
  await page.getByLabel('Save as').fill('Negotiated NAT');
  await page.getByRole('button', { name: 'Save as custom catalog' }).click();
  await expect(page.getByText('Saved the catalog “Negotiated NAT”.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  const compare = page.getByRole('region', { name: 'Compare two catalogs' });
  await compare.getByLabel('From').selectOption({ label: 'AWS us-east-1, on-demand (2025-10), bundled' });
  await compare.getByLabel('To').selectOption({ label: 'Negotiated NAT' });
  await expect(compare.getByRole('status')).toHaveText(
    /0 instance types added, 0 removed,\s+1 figure changed\./,
  );
  await expect(compare.getByRole('row', { name: /nat\.perGB/ })).toContainText('0.03');
  await axeClean(page, 'the catalog comparison');
});

test('import an EC2 price list from the file picker: summary, save, use', async ({ page }) => {
  test.slow();
  await openApp(page);
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  const csv = readFileSync('src/catalog/import/fixtures/ec2-us-east-1.csv');
  await page
    .locator('input[type=file][data-format="aws-price-list"]')
    .setInputFiles({ name: 'ec2-us-east-1.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Imported: \d+ instance types\.$/)).toBeVisible();
  const summary = page.getByRole('region', { name: 'What ec2-us-east-1.csv held' });
  await expect(summary).toContainText(/Found \d+ rows; kept \d+\./);
  await expect(summary).toContainText('other region');
  await expect(summary.getByRole('table', { name: 'Price changes against the base' })).toBeVisible();
  await axeClean(page, 'a price-list import summary');
  await page.getByRole('button', { name: 'Save the imported catalog' }).click();
  await expect(page.getByText(/^Saved the catalog “AWS us-east-1, on-demand \(price list/)).toBeVisible();
  await page.getByRole('button', { name: 'Open in the editor' }).click();
  await page.getByRole('button', { name: 'Use in this plan' }).click();
  await page.getByRole('button', { name: 'Back to the plan' }).click();
  await expect(page.getByText(/Prices: AWS us-east-1, on-demand \(price list 2025-10-01\)/)).toBeVisible();
});

/** A price list of about `mb` MB: the fixture's rows repeated (most of them other regions' and reserved terms). */
function largePriceList(path: string, mb: number): void {
  const text = readFileSync('src/catalog/import/fixtures/ec2-us-east-1.csv', 'utf8');
  const lines = text.split('\n');
  const preamble = lines.slice(0, 6).join('\n') + '\n';
  const rows = lines
    .slice(6)
    .filter((l) => l !== '')
    .map((l) => l.replace('"us-east-1"', '"eu-west-1"'))
    .join('\n');
  const fd = openSync(path, 'w');
  writeSync(fd, preamble);
  const block = `${rows}\n`.repeat(Math.ceil((1024 * 1024) / rows.length));
  for (let written = 0; written < mb * 1024 * 1024; written += block.length) writeSync(fd, block);
  writeSync(fd, text.split('\n').slice(6).join('\n'));
  closeSync(fd);
}

test('a large price list shows its progress and can be cancelled; read in full, it is imported', async ({
  page,
}, info) => {
  test.slow();
  // PRICE_LIST_FILE: a file of your own (e.g. scripts/bench-price-list.ts's 365 MB one) to measure instead.
  const own = process.env.PRICE_LIST_FILE;
  const file = own ?? info.outputPath('large-ec2.csv');
  mkdirSync(dirname(file), { recursive: true });
  if (own === undefined) largePriceList(file, 120);
  const name = basename(file);
  await openApp(page);
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  await page.locator('input[type=file][data-format="aws-price-list"]').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(`Reading ${name}:`)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByText('Import cancelled; nothing was saved.')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  // Read in full: the rows of other regions are skipped, the fixture's us-east-1 rows at the end are kept.
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Imported: \d+ instance types\.$/)).toBeVisible({ timeout: 120_000 });
  const measured = `${name} (${(statSync(file).size / 1e6).toFixed(0)} MB) imported in the browser in ${Date.now() - t0} ms`;
  info.annotations.push({ type: 'measured', description: measured });
  console.log(`[measured] ${measured}`);
  await expect(page.getByRole('region', { name: `What ${name} held` })).toContainText(
    /Found \d+ rows; kept \d+\. Skipped, by reason:/,
  );
});

test('the catalog editor works from the keyboard alone', async ({ page }) => {
  await openApp(page);
  const before = await cardCosts(page);
  const edit = page.getByRole('button', { name: 'Edit prices…' });
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Price catalogs', level: 2 })).toBeVisible();
  // The price of the cluster's node type (m6i.xlarge in the example plan), typed over, then "Use in this plan".
  const price = page.getByLabel('Price per hour of m6i.xlarge', { exact: true });
  await price.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('9');
  await expect(price).toHaveValue('9');
  const use = page.getByRole('button', { name: 'Use in this plan' });
  await use.focus();
  await page.keyboard.press('Enter');
  const back = page.getByRole('button', { name: 'Back to the plan' });
  await back.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await expect.poll(async () => JSON.stringify(await cardCosts(page))).not.toBe(JSON.stringify(before));
});
