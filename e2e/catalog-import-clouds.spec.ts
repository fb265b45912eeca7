// Importing Azure Retail Prices pages and GCP Cloud Billing Catalog pages from the app (issue 13 §3, "the same from
// the app"): the format's own region and base, several files in one picker, the summary with the reader's notes,
// and the saved catalog.
import { readFileSync } from 'node:fs';
import { axeClean, expect, openApp, test } from './fixtures.ts';

const fixture = (name: string) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(`src/catalog/import/fixtures/${name}`),
});

test('import two Azure Retail Prices pages from the file picker: region, base, summary, save', async ({
  page,
}) => {
  test.slow();
  await openApp(page);
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  await page.getByLabel('Format').selectOption('azure-retail');
  // The format's example region and its bundled default base.
  await expect(page.getByRole('textbox', { name: 'Region' })).toHaveValue('eastus');
  await expect(page.getByLabel('Start from')).toHaveValue('bundled:azure-eastus');
  await expect(page.getByText('an Azure region (armRegionName), e.g. eastus')).toBeVisible();
  await page
    .locator('input[type=file][data-format="azure-retail"]')
    .setInputFiles([fixture('azure-eastus-page1.json'), fixture('azure-eastus-page2.json')]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Imported: \d+ instance types\.$/)).toBeVisible();
  const summary = page.getByRole('region', {
    name: 'What azure-eastus-page1.json, azure-eastus-page2.json held',
  });
  await expect(summary).toContainText(/Found 23 items; kept \d+\./);
  await expect(summary).toContainText('Azure Retail Prices API responses');
  await expect(summary.getByRole('table', { name: 'Price changes against the base' })).toBeVisible();
  await axeClean(page, 'an Azure price-list import summary');
  await page.getByRole('button', { name: 'Save the imported catalog' }).click();
  await expect(
    page.getByText(/^Saved the catalog “Azure eastus, pay-as-you-go \(Retail Prices/),
  ).toBeVisible();
});

test('import GCP Cloud Billing Catalog pages: the incomplete family is a note; a wrong region is refused first', async ({
  page,
}) => {
  test.slow();
  await openApp(page);
  await page.getByRole('button', { name: 'Prices', exact: true }).click();
  await page.getByLabel('Format').selectOption('gcp-billing');
  await expect(page.getByLabel('Start from')).toHaveValue('bundled:gcp-us-central1');
  await page
    .locator('input[type=file][data-format="gcp-billing"]')
    .setInputFiles([fixture('gcp-compute-page1.json'), fixture('gcp-compute-page2.json')]);
  const region = page.getByRole('textbox', { name: 'Region' });
  await region.fill('us-east-1');
  await expect(page.getByText('Give a GCP region such as us-central1.')).toBeVisible();
  await region.fill('us-central1');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.getByRole('region', {
    name: 'What gcp-compute-page1.json, gcp-compute-page2.json held',
  });
  await expect(summary).toContainText(/Found 17 SKUs; kept 45\./);
  await expect(summary).toContainText('Families without both a core and a RAM price: n2d');
});
