// Issue 11 §3 in the app: the plan-wide uncertainty ranges are edited in the Plan-wide tab, a range that does not
// hold the typical value is a located problem at its field, and the ranges never change the cards' figures.
import { axeClean, cardCosts, expect, openApp, test, waitSaved } from './fixtures.ts';

test('plan-wide uncertainty ranges: edited in place, checked at their field, figures unchanged', async ({
  page,
}) => {
  await openApp(page);
  const before = await cardCosts(page);
  await page.getByRole('tab', { name: 'Plan-wide' }).click();
  const panel = page.getByRole('group', { name: 'Uncertainty', exact: true });
  await expect(panel).toBeVisible();
  const low = page.locator('[data-path="uncertainty.trafficRps.low"]');
  const high = page.locator('[data-path="uncertainty.trafficRps.high"]');
  await expect(panel.getByRole('group', { name: 'Traffic', exact: true })).toBeVisible();

  await low.fill('1.2');
  await expect(low).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText('must be a number <= 1')).toBeVisible();

  await low.fill('0.7');
  await high.fill('1.5');
  await expect(low).toHaveAttribute('aria-invalid', 'false');
  await expect(high).toHaveAttribute('aria-invalid', 'false');
  await waitSaved(page);
  expect(await cardCosts(page)).toEqual(before);
  await axeClean(page, 'the uncertainty panel');
});
