// Issue 12 §3 in the app: a latency target set in a service's details sizes its instances (Erlang C), the VM card's
// instance count rises, and the cost-per-service table says that latency decided and gives the percentile wait;
// removing the target brings the figures of before back.
import type { Page } from '@playwright/test';
import { field } from '../src/plan/fields.ts';
import { axeClean, expect, openApp, shot, test } from './fixtures.ts';

/** The VM per service card's "Peak instances" figure as shown. */
async function peakInstances(page: Page): Promise<string> {
  const card = page.locator('article[data-strategy="vm-per-service"]');
  const dt = card.locator('dt', { hasText: /^Peak instances$/ });
  return (await dt.locator('xpath=following-sibling::dd[1]').textContent())!.trim();
}

test('a latency target in a service’s details changes its instance count, and the table says latency decided', async ({
  page,
}) => {
  await openApp(page);
  const before = await peakInstances(page);
  const kitchenRow = page.getByTestId('breakdown').locator('tbody tr', { hasText: 'kitchen' });
  await expect(kitchenRow).not.toContainText('latency decides');

  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  const details = page.getByRole('dialog', { name: 'Service details: kitchen' });
  const group = details.getByRole('group', { name: field('services[].latency').label });
  // The fields are the declared ones, with their declared labels.
  for (const key of ['targetWaitMs', 'percentile', 'concurrencyPerInstance'] as const) {
    await expect(group.locator(`[data-path="services[4].latency.${key}"]`)).toHaveAccessibleName(
      field(`services[].latency.${key}`).label,
    );
  }
  // kitchen: 70 req/s of 50 ms at its peak (A = 3.5); 99% starting within 5 ms needs more instances than CPU does.
  await group.getByLabel(field('services[].latency.targetWaitMs').label, { exact: true }).fill('5');
  await group.getByLabel(field('services[].latency.percentile').label, { exact: true }).fill('99');

  await expect.poll(() => peakInstances(page)).not.toBe(before);
  expect(Number(await peakInstances(page))).toBeGreaterThan(Number(before));
  await expect(kitchenRow).toContainText(/\(latency decides: \d+ instead of \d+\)/);
  const notes = page.getByTestId('latency-notes');
  await expect(notes.getByRole('listitem').filter({ hasText: 'Service instance per VM' })).toHaveText(
    /^kitchen, Service instance per VM: latency decides: \d+ instances instead of \d+; p99 wait [\d.]+ ms$/,
  );
  await axeClean(page, 'a service with a latency target');
  await group.scrollIntoViewIfNeeded();
  await shot(page, 'latency-target-1440');
  await notes.scrollIntoViewIfNeeded();
  await shot(page, 'latency-cost-per-service-1440');

  await group.getByRole('button', { name: 'Remove latency target' }).click();
  await expect.poll(() => peakInstances(page)).toBe(before);
  await expect(kitchenRow).not.toContainText('latency decides');
  await expect(page.getByTestId('latency-notes')).toHaveCount(0);
  await expect(group.locator('[data-path="services[4].latency.targetWaitMs"]')).toHaveValue('');
});
