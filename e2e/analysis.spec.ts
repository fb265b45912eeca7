// Decision analysis in the app (issue 11 §1, §2): the break-even question in one click from the results, and the
// tornado, both computed in the engine worker, each chart with its data table.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, importFile, largePlan, openApp, shot, test } from './fixtures.ts';

/** examples/internal-tools.json as version 2 with plan-wide ranges on traffic and CPU (the simulations' plan here). */
async function rangedInternalTools(): Promise<string> {
  const plan = JSON.parse(await readFile('examples/internal-tools.json', 'utf8')) as Record<string, unknown>;
  return JSON.stringify({
    ...plan,
    version: 2,
    uncertainty: { trafficRps: { low: 0.5, high: 3 }, cpuMsPerRequest: { low: 0.8, high: 1.3 } },
  });
}

test('answers at what traffic the cheapest stops being cheaper, and shows the tornado', async ({ page }) => {
  await openApp(page);
  await importFile(page, 'tools.json', await readFile('examples/internal-tools.json', 'utf8'));
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
  const analysis = page.getByTestId('analysis');
  await analysis
    .getByRole('button', {
      name: 'At what traffic does Serverless (Lambda) stop being cheaper than Multiple services per host?',
    })
    .click();
  // The same answer as `headroom breakeven examples/internal-tools.json --a serverless --b shared-host`.
  await expect(analysis.getByTestId('breakeven-answer')).toHaveText(
    /At ×1\.28 today's traffic, Multiple services per host becomes the cheaper of the two: Serverless \(Lambda\) \$104\.85, Multiple services per host \$104\.84 a month\.$/,
  );
  await expect(analysis.getByRole('heading', { name: /as traffic changes/ })).toBeVisible();

  await analysis.getByRole('button', { name: 'Which input drives the cost? (±25%)' }).click();
  await expect(analysis.getByTestId('tornado-answer')).toBeVisible();
  const tornado = analysis.locator('section', {
    has: page.getByRole('heading', { name: /What moves the cost/ }),
  });
  await tornado.getByText('Show data').click();
  await expect(tornado.getByRole('rowheader', { name: 'traffic', exact: true })).toBeVisible();
  // The answers, both charts and their open data table pass axe (WCAG 2.2 AA), as every main screen does.
  const result = await new AxeBuilder({ page })
    .include('[data-testid="analysis"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('the best mix in one click: the same monthly cost as `headroom mix`, with each service’s reason', async ({
  page,
}) => {
  await openApp(page);
  await importFile(page, 'tools.json', await readFile('examples/internal-tools.json', 'utf8'));
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
  const analysis = page.getByTestId('analysis');
  // Without ranges the simulation is not offered: every sample would be the same.
  await expect(analysis.getByRole('button', { name: /simulate the ranges/ })).toHaveCount(0);
  await analysis.getByRole('button', { name: 'Which strategy suits each service? (best mix)' }).click();
  // `headroom mix examples/internal-tools.json --format json` gives "monthlyCost": 80.87, all five on serverless.
  await expect(analysis.getByTestId('mix-answer')).toHaveText(
    'Run all 5 services on Lambda: $80.87 a month, the same as Lambda alone (no mix is cheaper).',
  );
  const reasons = analysis.getByTestId('mix-reasons');
  await expect(reasons.getByRole('row')).toHaveCount(6);
  await expect(reasons.getByRole('rowheader', { name: 'wiki', exact: true })).toBeVisible();
  const result = await new AxeBuilder({ page })
    .include('[data-testid="analysis"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await analysis.scrollIntoViewIfNeeded();
  await shot(page, 'V-mix', { keepNotices: true });
});

test('a plan with ranges: P10/P50/P90 per strategy and how often each is cheapest, as `headroom simulate`', async ({
  page,
}) => {
  await openApp(page);
  await importFile(page, 'ranged.json', await rangedInternalTools());
  await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
  const analysis = page.getByTestId('analysis');
  await analysis.getByRole('button', { name: 'How sure is the cheapest? (simulate the ranges)' }).click();
  // `headroom simulate` of the same plan (1000 samples, seed 1): shared host cheapest in 75.2%, Lambda P50 123.53.
  await expect(analysis.getByTestId('simulation-answer')).toHaveText(
    'Multiple services per host is the cheapest in 75.2% of cases.',
  );
  const lambda = analysis
    .getByTestId('simulation-table')
    .getByRole('row', { name: /^Serverless \(Lambda\)/ });
  await expect(lambda).toHaveText(/\$92\.49\s*\$123\.53\s*\$157\.87\s*24\.8%/);
  const result = await new AxeBuilder({ page })
    .include('[data-testid="analysis"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await analysis.scrollIntoViewIfNeeded();
  await shot(page, 'V-simulate', { keepNotices: true });
});

// Issue 11 "Performance": the app splits a simulation over min(cores, 4) workers, no fewer than 50 samples each
// (src/analysis/batches.ts); one worker or four, the figures are `headroom simulate`'s. The page's Worker is wrapped
// to count the engine workers started and ended, and the simulation requests sent them: the workers are kept for the
// next simulation (a cold worker costs more than the split gains).
for (const cores of [1, 4]) {
  test(`on ${cores} core${cores === 1 ? '' : 's'} the simulation runs in ${cores} worker${cores === 1 ? '' : 's'}, with the CLI's figures`, async ({
    page,
  }) => {
    await page.addInitScript((n) => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n, configurable: true });
      const counts = { started: 0, terminated: 0, simulations: 0 };
      Object.assign(window, { __engineWorkers: counts });
      const Real = window.Worker;
      window.Worker = class extends Real {
        readonly #engine: boolean;
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.#engine = String(url).includes('engine.worker');
          if (this.#engine) counts.started += 1;
        }
        override postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]): void {
          const kind = (message as { analysis?: { kind?: string } } | null)?.analysis?.kind ?? '';
          if (this.#engine && kind.startsWith('simulate')) counts.simulations += 1;
          super.postMessage(message, options as StructuredSerializeOptions);
        }
        override terminate(): void {
          if (this.#engine) counts.terminated += 1;
          super.terminate();
        }
      };
    }, cores);
    const counts = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              __engineWorkers: { started: number; terminated: number; simulations: number };
            }
          ).__engineWorkers,
      );
    await openApp(page);
    await importFile(page, 'ranged.json', await rangedInternalTools());
    await expect(page.getByLabel('Plan name')).toHaveValue('Internal tools');
    const before = await counts();
    const analysis = page.getByTestId('analysis');
    const simulate = analysis.getByRole('button', {
      name: 'How sure is the cheapest? (simulate the ranges)',
    });
    for (const run of [1, 2]) {
      await simulate.click();
      // One simulation request per worker; then the answer of `headroom simulate` of the same plan (1000 samples,
      // seed 1), as in the test above.
      await expect.poll(async () => (await counts()).simulations - before.simulations).toBe(run * cores);
      await expect(simulate).toBeEnabled();
      await expect(analysis.getByTestId('simulation-answer')).toHaveText(
        'Multiple services per host is the cheapest in 75.2% of cases.',
      );
      await expect(
        analysis.getByTestId('simulation-table').getByRole('row', { name: /^Serverless \(Lambda\)/ }),
      ).toHaveText(/\$92\.49\s*\$123\.53\s*\$157\.87\s*24\.8%/);
      // The analyses' own worker (started by the first analysis) and cores − 1 helpers, all kept for the second.
      const after = await counts();
      expect(after.started - before.started).toBe(cores);
      expect(after.terminated - before.terminated).toBe(0);
    }
  });
}

test('the simulation of a 200-service plan runs in the worker: progress shows and the page stays usable', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const plan = JSON.parse(largePlan(200)) as Record<string, unknown>;
  const ranged = { ...plan, version: 2, uncertainty: { trafficRps: { low: 0.5, high: 2 } } };
  await importFile(page, 'large.json', JSON.stringify(ranged));
  await expect(page.getByLabel('Plan name')).toHaveValue('Large plan');
  const analysis = page.getByTestId('analysis');
  await analysis.getByRole('button', { name: 'How sure is the cheapest? (simulate the ranges)' }).click();
  await expect(analysis.getByTestId('analysis-progress')).toHaveText(/^Simulating… /);
  // The page answers while the worker simulates: typing lands at once (the engine is not on this thread).
  await page.getByLabel('Plan name').fill('Large plan, renamed while simulating');
  await expect(page.getByLabel('Plan name')).toHaveValue('Large plan, renamed while simulating');
  await expect(analysis.getByTestId('simulation-answer')).toHaveText(
    /is the cheapest in [\d.]+% of cases\.$/,
    {
      timeout: 150_000,
    },
  );
  await expect(analysis.getByTestId('simulation-table').locator('tbody tr')).toHaveCount(5);
});
