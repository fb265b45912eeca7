// A planner's whole journey through the browser build, one step per test (each starts from a fresh profile).
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { cardCosts, downloadText, expect, importFile, openApp, test, usd, waitSaved } from './fixtures.ts';

const STRATEGIES = [
  'shared-host',
  'vm-per-service',
  'container-cluster',
  'serverless',
  'serverless-containers',
];
const MONEY = /^\$[\d,]+\.\d\d$/;

test('first run opens the example plan with every strategy costed', async ({ page }) => {
  await openApp(page);
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform');
  const costs = await cardCosts(page);
  expect(Object.keys(costs)).toEqual(STRATEGIES);
  for (const c of Object.values(costs)) expect(c).toMatch(MONEY);
  await expect(page.locator('article[data-strategy]').filter({ hasText: 'Cheapest' })).toHaveCount(1);
});

test('create a plan and add services from presets', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'New empty plan' }).click();
  const name = page.getByLabel('Plan name');
  await name.fill('Checkout platform');
  await page.getByLabel('New service name').fill('web');
  await page.getByLabel('Traffic preset').selectOption({ label: 'Business hours' });
  await page.getByLabel('Peak req/s').fill('300');
  await page.getByRole('button', { name: 'Add service' }).click();
  await page.getByLabel('New service name').fill('nightly-report');
  await page.getByLabel('Traffic preset').selectOption({ label: 'Nightly batch' });
  await page.getByLabel('Peak req/s').fill('40');
  await page.getByRole('button', { name: 'Add service' }).click();

  // A new plan is empty: the two added services are the first two.
  await expect(page.getByLabel('Name of service 1')).toHaveValue('web');
  await expect(page.getByLabel('Name of service 2')).toHaveValue('nightly-report');
  await expect(page.getByLabel('Name of service 3')).toHaveCount(0);
  await expect(page.locator('tr', { has: page.getByLabel('Name of service 1') })).toContainText('peak 300');
  const costs = await cardCosts(page);
  expect(Object.keys(costs)).toEqual(STRATEGIES);
  for (const c of Object.values(costs)) expect(c).toMatch(MONEY);
  await waitSaved(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  const row = page.getByRole('row', { name: /Checkout platform/ });
  await expect(row).toContainText('2');
  await expect(row).toContainText(/\$[\d,]+\.\d\d/);
});

test('changing a setting changes the costs; an invalid value is shown and saved as a draft', async ({
  page,
}) => {
  await openApp(page);
  const before = await cardCosts(page);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  const hostType = page.getByLabel('Host instance type');
  await expect(hostType.locator('option', { hasText: 'm6i.large — 2 vCPU, 8 GiB' })).toHaveCount(1);
  await hostType.selectOption({
    label: (await hostType.locator('option', { hasText: /^m6i\.large/ }).textContent())!,
  });
  await expect.poll(async () => (await cardCosts(page))['shared-host']).not.toBe(before['shared-host']);

  const serverlessDiscount = page
    .getByRole('group', { name: 'Serverless (Lambda)' })
    .getByLabel('Discount', { exact: true });
  await serverlessDiscount.fill('50'); // percent
  await expect.poll(async () => (await cardCosts(page)).serverless).not.toBe(before.serverless);
  await waitSaved(page);

  const target = page
    .getByRole('group', { name: 'Multiple services per host' })
    .getByLabel('Target utilization');
  const good = await cardCosts(page);
  await target.fill('150'); // percent
  await expect(page.getByRole('group', { name: 'Multiple services per host' }).getByRole('alert')).toHaveText(
    'must be a number <= 100%',
  );
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Draft saved: fix the problems')).toBeVisible();
  await expect(page.getByText('From the last valid version of this plan')).toBeVisible();
  expect(await cardCosts(page)).toEqual(good);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  expect(await cardCosts(page)).toEqual(good);
  // The value as typed came back with the reload (issue 9 §1), still marked.
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  await expect(target).toHaveValue('150');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
});

test('a what-if scenario is compared with its base', async ({ page }) => {
  await openApp(page);
  const base = await cardCosts(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform — what-if');
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByLabel('Traffic × (every service, every hour)').fill('2');
  await page.getByRole('button', { name: 'Apply knobs' }).click();
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).not.toBe(base['vm-per-service']);
  await waitSaved(page);

  await page.getByRole('button', { name: 'Compare with base' }).click();
  await expect(page.getByRole('heading', { name: 'Compare plans and scenarios' })).toBeVisible();
  const main = page.locator('main');
  await expect(main).toContainText('Food delivery platform — what-if');
  await expect(main).toContainText(base['serverless']!);
  const csv = await downloadText(page, () =>
    page.getByRole('button', { name: /Export comparison CSV/ }).click(),
  );
  expect(csv.name).toMatch(/^comparison-.*\.csv$/);
  expect(csv.text).toContain('Food delivery platform — what-if');
});

test('the CSV export holds the line items, and its totals are the figures on screen', async ({ page }) => {
  await openApp(page);
  const costs = await cardCosts(page);
  const { name, text } = await downloadText(page, () =>
    page.getByRole('button', { name: 'Export CSV' }).click(),
  );
  expect(name).toMatch(/^food-delivery-platform-\d{4}-\d{2}-\d{2}\.csv$/);
  // The # header block (plan, catalog, totals …) above the table is skipped as comments.
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    comments: '#',
    dynamicTyping: false,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([
    'strategy',
    'strategy_name',
    'service',
    'component',
    'unit',
    'quantity',
    'unit_price',
    'cost',
    'currency',
  ]);
  for (const id of STRATEGIES) {
    const rows = parsed.data.filter((r) => r.strategy === id);
    expect(rows.length).toBeGreaterThan(0);
    const cents = rows.reduce((sum, r) => sum + Math.round(Number(r.cost) * 100), 0);
    expect(usd(cents / 100), id).toBe(costs[id]);
  }
  // The line-items table shows exactly the CSV's rows of the chosen strategy.
  const picker = page.getByTestId('line-items-strategy');
  for (const id of STRATEGIES) {
    await picker.selectOption(id);
    const rows = parsed.data.filter((r) => r.strategy === id);
    await expect(page.getByTestId('line-items').locator('tbody tr')).toHaveCount(rows.length);
    await expect(page.getByTestId('line-items-total')).toHaveText(costs[id]!);
  }
});

test('a plan saved as JSON imports back identical', async ({ page }) => {
  await openApp(page);
  const costs = await cardCosts(page);
  const saved = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  expect(saved.name).toMatch(/^food-delivery-platform-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(saved.text) as { format: string; version: number; name: string };
  expect(doc.format).toBe('headroom-plan');
  // The example is a version 1 file; the app saves version 2 with the same figures (issue 10 §1).
  expect(doc.version).toBe(2);

  await importFile(page, saved.name, saved.text);
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform 2');
  expect(await cardCosts(page)).toEqual(costs);
  const again = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  expect({ ...JSON.parse(again.text), name: doc.name }).toEqual(doc);
});

test('an invalid import lists located problems and changes nothing', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  const rows = page.locator('table.list tbody tr');
  await expect(rows).toHaveCount(1);

  const bad = {
    format: 'headroom-plan',
    version: 1,
    name: 'Broken',
    catalog: 'aws-us-east-1',
    services: [
      {
        name: 'a',
        trafficRps: [1, 2, 3],
        cpuMsPerRequest: -1,
        durationMs: 10,
        memoryMiB: 128,
        colour: 'red',
      },
    ],
  };
  await importFile(page, 'broken.json', JSON.stringify(bad), 'Import plan file…');
  const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await expect(alert).toContainText('“broken.json” was not imported');
  await expect(alert).toContainText('services[0].trafficRps');
  await expect(alert).toContainText('must have 24 values (one day) or 168 values (one week), not 3');
  await expect(alert).toContainText('services[0].cpuMsPerRequest');
  await expect(alert).toContainText('services[0].colour');
  await expect(rows).toHaveCount(1);

  await importFile(
    page,
    'syntax.json',
    '{"format": "headroom-plan",\n  "version": 1,,\n}',
    'Import plan file…',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toContainText(
    /line 2, column \d+/,
  );
  await expect(rows).toHaveCount(1);
  await page.reload();
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(rows).toHaveCount(1);
});

test('undo and redo with Ctrl+Z and Shift+Ctrl+Z', async ({ page }) => {
  await openApp(page);
  const field = page.getByLabel('CPU ms per request of order');
  const original = await field.inputValue();
  const before = await cardCosts(page);
  await field.fill('99');
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).not.toBe(before['vm-per-service']);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(field).toHaveValue(original);
  expect(await cardCosts(page)).toEqual(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(field).toHaveValue('99');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(field).toHaveValue(original);
});

test('plans are renamed, duplicated, deleted and restored with undo', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'Duplicate Food delivery platform' }).click();
  await expect(page.getByRole('button', { name: 'Open Food delivery platform copy' })).toBeVisible();
  await page.getByRole('button', { name: 'Rename Food delivery platform copy' }).click();
  await page.getByLabel('New name for Food delivery platform copy').fill('Copy for finance');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('button', { name: 'Open Copy for finance' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Copy for finance' }).click();
  await expect(page.getByRole('button', { name: 'Open Copy for finance' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).last().click();
  await expect(page.getByRole('button', { name: 'Open Copy for finance' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open Copy for finance' })).toBeVisible();
});

test('the traffic curve takes a pasted spreadsheet column and a preset by requests per month', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  await page.getByLabel('One day (24 h)').check();
  const cells = page.locator('[data-hour] input');
  await expect(cells).toHaveCount(24);
  const column = Array.from({ length: 24 }, (_, h) => String(10 + h)).join('\n');
  await cells.first().focus();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, column);
  await expect(cells.nth(23)).toHaveValue('33');
  await expect(page.locator('tr', { has: page.getByLabel('Name of service 5') })).toContainText('peak 33');

  // The pasted curve is no preset any more: the box says so until one is picked.
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('custom');
  await page.getByLabel('Preset', { exact: true }).selectOption('evening-peak');
  await page.getByLabel('Scale by').selectOption('month');
  await page.getByLabel('Requests per month').fill('100000000');
  await page.getByRole('button', { name: 'Apply preset' }).click();
  // 100M requests a month over 730 h is a mean of about 38 req/s.
  await expect(page.locator('tr', { has: page.getByLabel('Name of service 5') })).toContainText('mean 38');

  await cells.nth(3).fill('-5');
  await expect(page.locator('[data-hour="3"]').getByRole('alert')).toHaveText('must be a number >= 0');
  await expect(page.getByRole('heading', { name: '1 problem in this plan' })).toBeVisible();
  // The summary's link to the problem moves focus to that hour's cell.
  await page.getByRole('button', { name: 'Service “kitchen” › trafficRps[3]' }).click();
  await expect(cells.nth(3)).toBeFocused();
});

test('a plan file written for the CLI imports: inline catalog, 24-hour curves, its settings', async ({
  page,
}) => {
  const text = await readFile('examples/internal-tools.json', 'utf8');
  await openApp(page);
  await importFile(page, 'internal-tools.json', text);
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
  await expect(page.getByText(/Prices: AWS us-east-1, Acme Corp\. negotiated rates/)).toBeVisible();
  // Its own catalog has no Fargate prices: that card says it cannot be costed, never a $0.
  for (const [id, c] of Object.entries(await cardCosts(page)))
    expect(c).toMatch(id === 'serverless-containers' ? /^—$/ : MONEY);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  await expect(page.getByLabel('Host instance type').locator('option:checked')).toContainText('m7g.large');
  await expect(
    page
      .getByRole('group', { name: 'Service instance per VM' })
      .getByLabel('Scaling')
      .locator('option:checked'),
  ).toHaveText('Hourly (follows the curve)');
  await page.getByRole('tab', { name: 'Services' }).click();
  await page
    .getByRole('button', { name: /^Curve & details of / })
    .first()
    .click();
  await expect(page.locator('[data-hour] input')).toHaveCount(24);
});

test('dragging across the curve bars draws the shape, and one undo takes the drag back', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  await page.getByLabel('One day (24 h)').check();
  const cells = page.locator('[data-hour] input');
  const before = await Promise.all([0, 6, 12, 18].map((h) => cells.nth(h).inputValue()));
  const drag = page.getByTestId('curve-drag');
  // Centred in the window: at its edge the sticky top bar can cover the bars' top, where the drag starts.
  await drag.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  // Press near the top of hour 6 and drag to hour 12 at the same height: those hours become the top value. The
  // point is taken from where the drag area is at each move: the dock is sticky, and when the page is scrolled to the
  // end of the editor, an edit that makes the services table shorter (the row's peak and mean take fewer lines)
  // moves the dock up with it.
  const at = async (h: number) => {
    const box = (await drag.boundingBox())!;
    return [box.x + (box.width / 24) * (h + 0.5), box.y + box.height * 0.1] as const;
  };
  await page.mouse.move(...(await at(6)));
  await page.mouse.down();
  for (let h = 7; h <= 12; h++) await page.mouse.move(...(await at(h)), { steps: 2 });
  await page.mouse.up();
  const dragged = Number(await cells.nth(9).inputValue());
  expect(dragged).toBeGreaterThan(Number(before[2]));
  expect(await cells.nth(6).inputValue()).toBe(String(dragged));
  expect(await cells.nth(12).inputValue()).toBe(String(dragged));
  expect(await cells.nth(0).inputValue()).toBe(before[0]);
  await page.keyboard.press('Control+z');
  expect(await Promise.all([0, 6, 12, 18].map((h) => cells.nth(h).inputValue()))).toEqual(before);
});
