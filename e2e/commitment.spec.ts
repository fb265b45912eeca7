// Issue 13 §5 in the app: a savings-plan commitment set in a strategy's settings (fields from src/plan/fields.ts)
// shows committed, used and wasted a month on the strategy's card, "best commitment: … saves … a month", and a
// chart of the month's cost across commitment levels with its data table. Screenshot at 1440×900.
import type { Locator, Page } from '@playwright/test';
import { axeClean, expect, openApp, shot, test } from './fixtures.ts';

const card = (page: Page, id: string): Locator => page.locator(`article[data-strategy="${id}"]`);
const field = (page: Page, path: string): Locator => page.locator(`[data-path="${path}"]`);

test('a commitment on the container cluster: committed, used and wasted on its card, the best level, and the cost across levels', async ({
  page,
}) => {
  test.slow(); // axe on the full results
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  // No commitment in the example plan: no commitment figures anywhere.
  await expect(page.getByTestId('commitment')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Savings plan: monthly cost/ })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  // Every strategy a savings plan covers has the two commitment fields, grouped under their declared label.
  for (const key of [
    'sharedHost',
    'vmPerService',
    'containerCluster',
    'serverless',
    'serverlessContainers',
  ]) {
    await expect(field(page, `strategies.${key}.commitment.hourlyCommitment`)).toHaveCount(1);
    await expect(field(page, `strategies.${key}.commitment.discount`)).toHaveAccessibleName(
      'Savings plan discount',
    );
  }
  // A discount alone (a commitment of 0 per hour): the card shows the best level, nothing committed.
  await field(page, 'strategies.containerCluster.commitment.discount').fill('28');
  const figures = card(page, 'container-cluster').getByTestId('commitment');
  await expect(figures).toContainText(/Committed \/ month\s*\$0\.00/);
  await expect(figures).toContainText(/Best commitment: \$[\d.]+\/h saves \$[\d,.]+ a month/);
  const best = /Best commitment: \$([\d.]+)\/h/.exec((await figures.textContent())!)![1]!;

  // Commit the best level: money is committed, and the chart's note says what it saves.
  await field(page, 'strategies.containerCluster.commitment.hourlyCommitment').fill(best);
  await expect(figures).not.toContainText(/Committed \/ month\s*\$0\.00/);
  await expect(figures).toContainText(/Wasted \/ month\s*\$[\d,.]+/);
  const chart = page.getByRole('region', { name: /^Savings plan: monthly cost across commitment levels/ });
  await expect(
    page.getByRole('heading', { name: 'Savings plan: monthly cost across commitment levels' }),
  ).toBeVisible();
  await expect(page.getByTestId('commitment-best')).toContainText(`Best commitment: $${best}/h saves $`);
  // The chart's figures as a table: from no commitment to the peak, the best level among them.
  await page.getByText('Show data').filter({ visible: true }).last().click();
  const rows = page.getByTestId('commitment-table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(rows.first().locator('th')).toHaveText('0.0000');
  await expect(page.getByTestId('commitment-table').locator('tr.best th')).toHaveText(
    Number(best).toFixed(4),
  );
  void chart;

  await card(page, 'container-cluster').scrollIntoViewIfNeeded();
  await axeClean(page, 'a card with a commitment and the commitment chart');
  await shot(page, 'commitment-card-1440');
  await page
    .getByRole('heading', { name: 'Savings plan: monthly cost across commitment levels' })
    .scrollIntoViewIfNeeded();
  await shot(page, 'commitment-chart-1440');
});

test('Spot nodes: the capacity choice and the user’s Spot discount lower the node price; the card warns of the two-minute notice and of a stateful service on Spot', async ({
  page,
}) => {
  await openApp(page);
  const cost = card(page, 'container-cluster').getByTestId('monthly-cost');
  const before = (await cost.textContent())!.trim();
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  await field(page, 'strategies.containerCluster.capacity').selectOption({ label: 'Spot (interruptible)' });
  await field(page, 'strategies.containerCluster.spotDiscount').fill('60');
  await expect(cost).not.toHaveText(before);
  const warnings = card(page, 'container-cluster').locator('.warnings');
  await warnings.locator('summary').click();
  await expect(warnings).toContainText('two-minute notice');
  await expect(warnings).toContainText('is stateful and runs on Spot nodes');
});
