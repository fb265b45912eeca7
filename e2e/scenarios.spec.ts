// Scenarios that stay true (issue 9 §7): a scenario is its base plus recorded changes. Build one (traffic ×1.5 and a
// VM discount), change the base (a service's peak), see the scenario follow with its changes stated in words in the
// comparison, then detach it. axe is clean on each new state; screenshots at 1440×900 and 1024×700.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { cardCosts, expect, openApp, shot, test, waitSaved } from './fixtures.ts';

const SHOTS = process.env.HELPER_SHOTS_DIR;

/** axe on the page as it is, in the dark theme and then the light one (the one screenshots are taken in). */
async function axeClean(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await axeOnce(page, `${screen}, ${colorScheme}`);
  }
}

async function axeOnce(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    `axe violations on ${screen}`,
  ).toEqual([]);
}

/** The usual test artifact, and (when HELPER_SHOTS_DIR is set) a copy at 1440×900 and 1024×700 for review. */
async function shots(page: Page, name: string, fullPage = false): Promise<void> {
  await shot(page, name, { fullPage });
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  const size = page.viewportSize()!;
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // Charts resize a frame after the window does: wait until nothing is wider than the window.
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage });
  }
  await page.setViewportSize(size);
}

test('a scenario follows its base, says its changes in words, and can be detached', async ({ page }) => {
  // Three screens checked by axe in two themes (and shot at two sizes): about 40 s here, more on a busy machine.
  test.slow();
  await openApp(page);
  const base = await cardCosts(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform — what-if');
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await expect(page.getByText('None yet: set a knob below')).toBeVisible();

  const traffic = page.getByLabel('Traffic × (every service, every hour)');
  const vmDiscount = page.getByLabel('Discount, %: Service instance per VM');
  await traffic.fill('1.5');
  await vmDiscount.fill('30');
  await page.getByRole('button', { name: 'Apply knobs' }).click();
  const changes = page.getByTestId('scenario-changes');
  await expect(changes.getByRole('listitem')).toHaveText([/^traffic ×1\.5/, /^VM discount 30%/]);
  // Recorded, not reset: the knobs show what the scenario now has.
  await expect(traffic).toHaveValue('1.5');
  await expect(vmDiscount).toHaveValue('30');
  await waitSaved(page);
  const before = await cardCosts(page);
  expect(before['serverless']).not.toBe(base['serverless']);
  await axeClean(page, 'scenario with recorded changes');
  await page.getByRole('heading', { name: /^Changes to / }).evaluate((el) => el.scrollIntoView());
  await shots(page, 'C-scenario-changes');

  // The base changes: kitchen gets the evening-peak curve with a peak of 140 req/s (it was 70).
  await page.getByRole('button', { name: 'Back to the base plan: Food delivery platform' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform');
  await page.getByRole('tab', { name: 'Services' }).click();
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  await page.getByLabel('Preset', { exact: true }).selectOption('evening-peak');
  const peak = page.getByRole('group', { name: 'Start from a preset' }).getByLabel('Peak req/s');
  await peak.fill('140');
  await page.getByRole('button', { name: 'Apply preset' }).click();
  await expect(page.getByText('peak 140 · mean', { exact: false })).toBeVisible();
  await waitSaved(page);

  // The comparison costs the scenario against the base as it is now, and states its changes in words.
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await expect(page.getByText('— traffic ×1.5; VM discount 30%')).toBeVisible();
  await page.getByRole('button', { name: 'Compare with scenarios' }).click();
  await expect(page.getByRole('heading', { name: 'Compare plans and scenarios' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What each scenario changes' })).toBeVisible();
  await expect(page.locator('.changes li')).toHaveText(
    /Food delivery platform — what-if\s*: traffic ×1\.5; VM discount 30%/,
  );
  await axeClean(page, 'comparison with changes in words');
  await shots(page, 'C-compare', true);

  // The scenario itself followed: kitchen peaks at 140 × 1.5, and its costs moved with the base.
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'Open Food delivery platform — what-if' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform — what-if');
  await expect(page.getByText('peak 210 · mean', { exact: false })).toBeVisible();
  await expect.poll(async () => (await cardCosts(page))['serverless']).not.toBe(before['serverless']);

  // Detach: a plan of its own, with a note, no longer following.
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Detach as a plan of its own' }).click();
  await expect(page.getByText('is now a plan of its own')).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Detached from' })).toContainText(
    'Detached from “Food delivery platform” on',
  );
  await expect(page.getByRole('note').filter({ hasText: 'Detached from' })).toContainText(
    'with its changes: traffic ×1.5; VM discount 30%',
  );
  await expect(page.getByRole('button', { name: 'Detach as a plan of its own' })).toHaveCount(0);
  await axeClean(page, 'detached plan');
  await shots(page, 'C-detached');
});

test('the comparison says a strategy cannot be costed instead of $0, and flags a plan with problems', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Food delivery platform — what-if');
  // A 16 GiB pod does not fit the default node type: the cluster strategy cannot be costed for this scenario.
  await page.getByRole('tab', { name: 'Services' }).click();
  await page.getByRole('button', { name: 'Curve & details of accounting' }).click();
  await page.getByLabel('Memory request (MiB)').fill('16384');
  await waitSaved(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await expect(page.getByTestId('scenario-changes')).toContainText('accounting: pod memory 16384 MiB');
  await page.getByRole('button', { name: 'Compare with base' }).click();
  const table = page.getByTestId('comparison');
  const cluster = table.getByRole('row', { name: /^Service instance per container/ });
  await expect(cluster).toContainText('Cannot be costed');
  await expect(cluster.locator('td').nth(1)).not.toContainText('$0.00');

  // The base with a value it cannot take: compared from its last valid version, and flagged.
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'Open Food delivery platform', exact: true }).click();
  await page.getByLabel('Memory MiB of kitchen').fill('-5');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /problem/ })
      .first(),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Compare with scenarios' }).click();
  await expect(
    page.getByText('Food delivery platform has problems: figures are from its last valid version.'),
  ).toBeVisible();
  await expect(
    table.getByRole('columnheader', { name: /Food delivery platform\s+base\s+has problems/ }),
  ).toBeVisible();
  await axeClean(page, 'comparison with a strategy that cannot be costed and a plan with problems');
  await shots(page, 'C-compare-cannot-cost', true);
});
