// The main flow with the keyboard only: no mouse clicks, every control reached with Tab (and arrows in tab lists).
import type { Page } from '@playwright/test';
import { cardCosts, downloadText, expect, openApp, test } from './fixtures.ts';

/** The accessible name of the focused element (aria-label, its label, or its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const input = el as HTMLInputElement;
    return (el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused control has this name; fails if it is not reachable. */
async function tabTo(page: Page, name: string | RegExp, max = 120): Promise<void> {
  const matches = (n: string) => (typeof name === 'string' ? n === name : name.test(n));
  for (let i = 0; i < max; i++) {
    if (matches(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach "${String(name)}" with Tab (last: "${await focusedName(page)}")`);
}

test('create a plan, add a service, change a setting, undo and export with the keyboard only', async ({
  page,
}) => {
  await openApp(page);
  await tabTo(page, 'Plans');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Plans and scenarios' })).toBeVisible();
  await tabTo(page, 'New empty plan');
  await page.keyboard.press('Enter');

  // Focus moves to the new plan's first field, its name.
  await expect(page.getByLabel('Plan name')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Keyboard plan');
  await expect(page.getByLabel('Plan name')).toHaveValue('Keyboard plan');

  await tabTo(page, 'New service name');
  await page.keyboard.type('web');
  await tabTo(page, 'Traffic preset');
  await page.keyboard.press('ArrowUp'); // from "Consumer evening peak" up to "Business hours"
  await expect(page.getByLabel('Traffic preset')).toHaveValue('business-hours');
  await tabTo(page, 'Peak req/s');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('250');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name of service 1')).toHaveValue('web');
  await expect(page.getByLabel('Name of service 1')).toBeFocused();
  const before = await cardCosts(page);
  for (const c of Object.values(before)) expect(c).toMatch(/^\$[\d,]+\.\d\d$/);

  // The section tabs: Tab reaches the selected tab, arrows move between tabs.
  await tabTo(page, 'Services');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Strategy settings' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Strategy settings' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, 'Minimum hosts');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('6');
  await expect.poll(async () => (await cardCosts(page))['shared-host']).not.toBe(before['shared-host']);

  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Minimum hosts')).toHaveValue('2');
  await expect.poll(async () => (await cardCosts(page))['shared-host']).toBe(before['shared-host']);

  await tabTo(page, 'Export CSV');
  const csv = await downloadText(page, () => page.keyboard.press('Enter'));
  expect(csv.name).toMatch(/^keyboard-plan-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('service rows reorder from the keyboard and keep focus on the moved row', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'Move api-gateway down');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name of service 2')).toHaveValue('api-gateway');
  await expect(page.getByRole('button', { name: 'Move api-gateway down' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name of service 3')).toHaveValue('api-gateway');
  // Forward from row 3 round the whole page and back: the table's filter, copy, bulk edit, sort headers and row
  // checkboxes (issue 9 §6) are tab stops too.
  await tabTo(page, 'Curve & details of api-gateway', 240);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Traffic curve: api-gateway' })).toBeVisible();
  await tabTo(page, 'Mon 00:00');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('12.5');
  await expect(page.getByLabel('Mon 00:00')).toHaveValue('12.5');
  // The 168 hours are one Tab stop: the next Tab leaves the grid.
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Paste a whole curve');
});
