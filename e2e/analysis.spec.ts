// Decision analysis in the app (issue 11 §1, §2): the break-even question in one click from the results, and the
// tornado, both computed in the engine worker, each chart with its data table.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, importFile, openApp, test } from './fixtures.ts';

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
