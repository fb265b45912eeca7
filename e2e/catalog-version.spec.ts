// Catalog versions (issue 13, "v1 plans keep their numbers"): the example plan names the bare catalog id, which keeps
// the 2025-10 prices; the editor says a newer catalog is available and switches in one undoable click, after which
// the figures change (VM per service picks among the newer families) and the summary says by how much. A new
// plan names the newest snapshot and is offered nothing.
import {
  axeClean,
  cardCosts,
  downloadText,
  expect,
  openApp,
  shot,
  test,
  usd,
  waitSaved,
} from './fixtures.ts';

test('a plan on the older catalog is offered the newer one; switching changes its figures and is undone in one step', async ({
  page,
}) => {
  await openApp(page);
  const notice = page.getByTestId('catalog-notice');
  await expect(notice).toContainText('A newer price catalog is available.');
  await expect(notice).toContainText('prices as of 2025-10-01 (aws-us-east-1)');
  await expect(page.getByText(/Prices: AWS us-east-1, on-demand, as of 2025-10-01/)).toBeVisible();
  const before = await cardCosts(page);
  expect(before['vm-per-service']).toBe(usd(1164.65));
  await axeClean(page, 'the newer-catalog notice');
  await shot(page, 'catalog-version-notice');

  await notice.getByRole('button', { name: 'Use the 2026-11 prices' }).click();
  await expect(notice).toHaveCount(0);
  await expect(
    page.getByText(/Prices: AWS us-east-1, on-demand \(2026-11\), as of 2026-07-20/),
  ).toBeVisible();
  await expect(page.getByText(/Prices now from aws-us-east-1@2026-11, as of 2026-07-20/)).toBeVisible();
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).toBe(usd(1138.07));
  // The summary says what the switch did, as for any edit.
  await expect(page.getByTestId('last-edit')).toContainText('$26.58');
  // Only the instance types changed: the strategies that do not pick an instance type keep their figures.
  const after = await cardCosts(page);
  expect(after['serverless']).toBe(before['serverless']);
  await waitSaved(page);
  const saved = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  expect((JSON.parse(saved.text) as { catalog: unknown }).catalog).toBe('aws-us-east-1@2026-11');

  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect(notice).toBeVisible();
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).toBe(usd(1164.65));
});

test('a new plan names the newest catalog and is offered no switch', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'New empty plan' }).click();
  await page.getByLabel('Plan name').fill('Current prices');
  await expect(
    page.getByText(/Prices: AWS us-east-1, on-demand \(2026-11\), as of 2026-07-20/),
  ).toBeVisible();
  await expect(page.getByTestId('catalog-notice')).toHaveCount(0);
  await waitSaved(page);
  const saved = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  expect((JSON.parse(saved.text) as { catalog: unknown }).catalog).toBe('aws-us-east-1@2026-11');
});
