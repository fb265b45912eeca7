// The forecast for a meeting (issue 9 §8) and the CSV exports for spreadsheets (§9), through the browser build.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { cardCosts, downloadText, expect, importFile, openApp, shot, test, usd } from './fixtures.ts';

const STRATEGIES = [
  'shared-host',
  'vm-per-service',
  'container-cluster',
  'serverless',
  'serverless-containers',
];

/** The "Internal tools" example with every service growing 20% a month: the cheapest strategy changes thrice. */
async function growingPlan(): Promise<string> {
  const doc = JSON.parse(await readFile('examples/internal-tools.json', 'utf8')) as {
    name: string;
    services: { growthPerMonth?: number }[];
  };
  doc.name = 'Internal tools, growing';
  for (const s of doc.services) s.growthPerMonth = 0.2;
  return JSON.stringify(doc);
}

/** Reads a spreadsheet-style CSV the way docs/cli.md tells papaparse users to: `#` lines skipped. */
function readCsv(text: string) {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    comments: '#',
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  expect(parsed.errors).toEqual([]);
  return parsed;
}

/** The `# key,value…` lines, as a spreadsheet shows them above the table. */
function headerBlock(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.filter((r) =>
    r[0]!.startsWith('# '),
  );
}

test('the forecast says from which month each strategy is cheapest, over 24 months from a chosen start', async ({
  page,
}) => {
  await openApp(page);
  // By default the forecast starts the month after today, for 12 months.
  const next = new Date();
  next.setMonth(next.getMonth() + 1, 1);
  const label = next.toLocaleString('en-US', { month: 'short', year: 'numeric' }).replace(',', '');
  await expect(page.getByRole('heading', { name: `Forecast: 12 months from ${label}` })).toBeVisible();

  await importFile(page, 'growing.json', await growingPlan());
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools, growing');
  await page.getByTestId('forecast-months').selectOption('24');
  await page.getByTestId('forecast-start').fill('2027-01');
  await expect(page.getByRole('heading', { name: 'Forecast: 24 months from Jan 2027' })).toBeVisible();

  // Not every month-to-month flip between lines 1–3% apart: three changes, each by more than 5%.
  const answer = page.getByTestId('forecast-answer');
  await expect(answer.getByRole('listitem')).toHaveText([
    'from Jan 2027: Serverless (Lambda)',
    /^from Mar 2027: Multiple services per host \(\d+(\.\d)?% below Serverless \(Lambda\)\)$/,
    /^from Mar 2028: Service instance per container \(\d+(\.\d)?% below Multiple services per host\)$/,
    /^from Jun 2028: Service instance per VM \(\d+(\.\d)?% below Service instance per container\)$/,
  ]);
  await expect(answer).toContainText('A lead of 5% or less is not counted as a change');

  // Totals per 12 months and for the whole horizon, beside the chart.
  const totals = page.getByTestId('forecast-totals');
  await expect(totals.locator('tbody th')).toHaveText(['Jan 2027 – Dec 2027', 'Jan 2028 – Dec 2028']);
  await expect(totals.locator('tfoot th')).toHaveText('All 24 months');
  await page.getByRole('heading', { name: 'Forecast: 24 months from Jan 2027' }).scrollIntoViewIfNeeded();
  // Charts redraw on the next animation frame after the figures change: let two frames pass before the picture.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await shot(page, 'forecast-24-months');

  // The data table: one row per calendar month, with the leader.
  await page.getByText('Show data').nth(2).click();
  const rows = page.getByTestId('forecast-table').locator('tbody tr');
  await expect(rows).toHaveCount(24);
  await expect(rows.first().locator('th')).toHaveText('Jan 2027');
  await expect(rows.last().locator('th')).toHaveText('Dec 2028');
  await expect(rows.last().locator('td').last()).toHaveText('Service instance per VM');

  // The forecast CSV holds the same months, the start, every lead change and the totals.
  const csv = await downloadText(page, () =>
    page.getByRole('button', { name: 'Export forecast CSV' }).click(),
  );
  expect(csv.name).toMatch(/^internal-tools-growing-forecast-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFF# headroom,forecast\r\n')).toBe(true);
  const parsed = readCsv(csv.text);
  expect(parsed.data).toHaveLength(24);
  expect(parsed.data.map((r) => r.calendar_month).slice(0, 2)).toEqual(['2027-01', '2027-02']);
  expect(parsed.data.at(-1)?.leader).toBe('vm-per-service');
  const block = headerBlock(csv.text);
  expect(block).toContainEqual(['# forecast start', '2027-01']);
  expect(block.filter((r) => r[0] === '# cheapest from').map((r) => r[1])).toEqual([
    '2027-01',
    '2027-03',
    '2028-03',
    '2028-06',
  ]);
  expect(block.filter((r) => r[0] === '# total 2027-01 to 2028-12').map((r) => r[1])).toEqual(STRATEGIES);
});

test('the chart starts at zero and changing the horizon keeps the first months’ figures', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('forecast-start').fill('2027-01');
  await page.getByText('Show data').nth(2).click();
  const first12 = await page.getByTestId('forecast-table').locator('tbody tr').allInnerTexts();
  expect(first12).toHaveLength(12);
  await page.getByTestId('forecast-months').selectOption('36');
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(36);
  const first36 = await page.getByTestId('forecast-table').locator('tbody tr').allInnerTexts();
  expect(first36.slice(0, 12)).toEqual(first12);
  await expect(page.getByTestId('forecast-answer')).toContainText(
    'Serverless containers (Fargate) is the cheapest strategy that runs every service in every month, Jan 2027 to Dec 2029.',
  );
  // At 1024 px the controls and the totals stay readable (a picture for a person to look at).
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.reload();
  await page.getByTestId('forecast-start').fill('2027-01');
  await page.getByTestId('forecast-months').selectOption('36');
  await expect(page.getByRole('heading', { name: 'Forecast: 36 months from Jan 2027' })).toBeVisible();
  const figure = page.locator('section.figure', { has: page.getByTestId('forecast-answer') });
  await figure.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await figure.screenshot({ path: 'reports/screenshots/forecast-36-months-1024.png' });
});

test('the cost-per-service CSV is its own export, for a spreadsheet, and reconciles with the cards', async ({
  page,
}) => {
  await openApp(page);
  const costs = await cardCosts(page);
  const csv = await downloadText(page, () =>
    page.getByRole('button', { name: 'Export cost per service CSV' }).click(),
  );
  expect(csv.name).toMatch(/^food-delivery-platform-cost-per-service-\d{4}-\d{2}-\d{2}\.csv$/);
  // A UTF-8 byte order mark (Excel on Windows), then the header block, then the table.
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const block = headerBlock(csv.text);
  expect(block.slice(0, 2)).toEqual([
    ['# headroom', 'cost per service'],
    ['# plan', 'Food delivery platform'],
  ]);
  expect(block.find((r) => r[0] === '# generated at')?.[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  const parsed = readCsv(csv.text);
  expect(parsed.meta.fields).toEqual(['service', ...STRATEGIES]);
  expect(parsed.data).toHaveLength(7);
  for (const id of STRATEGIES) {
    const cents = parsed.data.reduce((sum, r) => sum + Math.round(Number(r[id] || 0) * 100), 0);
    expect(usd(cents / 100), id).toBe(costs[id]);
    // An incomplete total (Lambda leaves accounting out) carries a fifth cell saying so.
    const total = block.find((r) => r[0] === '# total per month' && r[1] === id)!;
    expect(total.slice(0, 4)).toEqual(['# total per month', id, expect.any(String), String(cents / 100)]);
    expect(total.slice(4)).toEqual(
      id === 'serverless' ? ['incomplete: leaves out 1 service (accounting)'] : [],
    );
  }
});
