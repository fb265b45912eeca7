// The same plan under another cloud (issue 13 §4): a what-if scenario switches the price catalog to Google Cloud,
// and the cards show that cloud's figures — the engine's own for the example plan in that catalog — serverless
// containers priced as Cloud Run there (GCP has no Fargate) and named so.
import { readFileSync } from 'node:fs';
import { evaluate } from '../src/model/engine.ts';
import { parsePlan } from '../src/plan/parse.ts';
import { applyChanges } from '../src/plan/scenario.ts';
import { cardCosts, expect, openApp, test, usd, waitSaved } from './fixtures.ts';

/** The example plan's monthly costs in `catalog`, as the engine gives them, by strategy id (null: cannot be costed). */
function expectedCosts(catalog: string): Record<string, number | null> {
  const base: unknown = JSON.parse(readFileSync('examples/food-delivery.json', 'utf8'));
  const { doc } = applyChanges(base, [{ kind: 'setting', path: ['catalog'], value: catalog }]);
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return Object.fromEntries(
    evaluate(parsed.plan).strategies.map((s) => [s.id, s.cannotCost ? null : s.monthlyCost]),
  );
}

test('a GCP scenario of the example plan shows Google Cloud’s figures', async ({ page }) => {
  test.slow();
  await openApp(page);
  const base = await cardCosts(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform — what-if');
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();

  const picker = page.getByLabel('Price catalog (cloud)');
  // The picker lists every bundled catalog once, each dated snapshot with its date (the bare id is an alias).
  await expect(picker.getByRole('option')).toHaveText([
    'As in the base',
    'AWS us-east-1, on-demand (2025-10)',
    'AWS us-east-1, on-demand (2026-11)',
    'Google Cloud us-central1, on demand',
    'Azure East US, pay-as-you-go',
  ]);
  await picker.selectOption('gcp-us-central1');
  await page.getByRole('button', { name: 'Apply knobs' }).click();
  await expect(page.getByTestId('scenario-changes').getByRole('listitem')).toHaveText([
    /^price catalog “gcp-us-central1”/,
  ]);
  await waitSaved(page);
  await expect(
    page.getByText(/^Prices: Google Cloud us-central1, on demand, as of 2026-11-01/),
  ).toBeVisible();

  const want = expectedCosts('gcp-us-central1');
  const shown = await cardCosts(page);
  for (const [id, cost] of Object.entries(want)) {
    expect(shown[id], id).toBe(cost === null ? '—' : usd(cost));
  }
  expect(shown['container-cluster']).not.toBe(base['container-cluster']);
  // Serverless containers are Cloud Run there (no Fargate): costed, named so, and no card says it cannot be.
  expect(shown['serverless-containers']).not.toBe('—');
  await expect(page.getByRole('heading', { name: 'Serverless containers (Cloud Run)' })).toBeVisible();
  await expect(page.getByTestId('cannot-cost')).toHaveCount(0);
});
