// Editing a plan as a person reads it: percents typed as percents (stored as fractions), a new plan that is empty,
// presets and pasted spreadsheet rows that do what they say, and an hour grid that is one Tab stop.
import type { Page } from '@playwright/test';
import { axeClean, downloadText, expect, openApp, shot, test } from './fixtures.ts';

/** The open plan as "Save as JSON" writes it. */
async function savedPlan(page: Page): Promise<{
  services: { name: string; growthPerMonth?: number; trafficRps: number[] }[];
  strategies?: Record<string, Record<string, unknown>>;
}> {
  const saved = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  return JSON.parse(saved.text) as Awaited<ReturnType<typeof savedPlan>>;
}

/** Pastes text into the focused element as a clipboard paste would. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, text);
}

test('growth, utilization and discounts are typed as percents and saved as fractions', async ({ page }) => {
  await openApp(page);
  const growth = page.getByLabel('Growth per month of order', { exact: true });
  await growth.fill('5');
  await expect(page.getByText('Did you mean')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  const host = page.getByRole('group', { name: 'Multiple services per host' });
  await host.getByLabel('Target utilization').fill('60');
  await host.getByLabel('Discount', { exact: true }).fill('12.5');
  const plan = await savedPlan(page);
  expect(plan.services.find((s) => s.name === 'order')?.growthPerMonth).toBe(0.05);
  expect(plan.strategies?.sharedHost?.targetUtilization).toBe(0.6);
  expect(plan.strategies?.sharedHost?.discount).toBe(0.125);

  // A value over 100% is explained in percent, not in fractions.
  await host.getByLabel('Target utilization').fill('150');
  await expect(host.getByRole('alert')).toHaveText('must be a number <= 100%');
  await host.getByLabel('Target utilization').fill('60');
  await axeClean(page, 'strategy settings in percent');
  await shot(page, 'percent-fields');
});

test('an implausible growth asks "did you mean" and applies the suggestion', async ({ page }) => {
  await openApp(page);
  const growth = page.getByLabel('Growth per month of order', { exact: true });
  await growth.fill('500');
  const hint = page.getByText('500% a month is a lot. Did you mean 5%?');
  await expect(hint).toBeVisible();
  await axeClean(page, 'growth hint');
  await shot(page, 'growth-hint');
  await page.emulateMedia({ colorScheme: 'dark' });
  await axeClean(page, 'growth hint, dark theme');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Use 5% for Growth per month of order' }).click();
  await expect(growth).toHaveValue('5');
  await expect(hint).toHaveCount(0);
  const plan = await savedPlan(page);
  expect(plan.services.find((s) => s.name === 'order')?.growthPerMonth).toBe(0.05);
});

test('a new plan is empty, invites a first service, and has focus on its name', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'New empty plan' }).click();
  await expect(page.getByLabel('Plan name')).toBeFocused();
  await expect(page.getByText('No services yet')).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Name of service/ })).toHaveCount(0);
  await axeClean(page, 'empty plan');
  await shot(page, 'empty-plan');
  await page.getByLabel('New service name').fill('web');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByLabel('Name of service 1')).toHaveValue('web');
  await expect(page.getByText('No services yet')).toHaveCount(0);
});

test('the preset box shows where the curve came from; weekday/weekend on a day becomes a week', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  const presetBox = page.getByLabel('Preset', { exact: true });
  await page.getByLabel('One day (24 h)').check();
  await presetBox.selectOption('weekday-weekend');
  const peak = page.getByRole('group', { name: 'Start from a preset' }).getByLabel('Peak req/s');
  await peak.fill('80');
  await page.getByRole('button', { name: 'Apply preset' }).click();
  const cells = page.locator('[data-hour] input');
  await expect(cells).toHaveCount(168);
  await expect(page.getByLabel('One week (168 h)')).toBeChecked();
  await expect(page.getByText(/extended to one week/i)).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await axeClean(page, `preset extended to a week, ${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByText(/extended to one week/i).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'preset-week');
  // Saturday 10:00 is a third of Monday 10:00.
  expect(Number(await page.getByLabel('Sat 10:00').inputValue())).toBeCloseTo(80 * 0.35, 3);
  expect(Number(await page.getByLabel('Mon 10:00').inputValue())).toBe(80);
  await expect(presetBox).toHaveValue('weekday-weekend');
  await expect(peak).toHaveValue('80');

  // One edit makes it custom; undo brings the preset back; a second undo the 24-hour curve.
  await page.getByLabel('Mon 03:00').fill('999');
  await expect(presetBox).toHaveValue('custom');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(presetBox).toHaveValue('weekday-weekend');
  await page.keyboard.press('Control+z');
  await expect(cells).toHaveCount(24);

  // Another service's box follows its own curve.
  await page.getByRole('button', { name: 'Curve & details of order' }).click();
  await expect(page.getByRole('heading', { name: 'Traffic curve: order' })).toBeVisible();
  await expect(presetBox).not.toHaveValue('evening-peak');
});

test('a pasted spreadsheet row fills the hours; a wrong count is refused and changes nothing', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  await page.getByLabel('One day (24 h)').check();
  const cells = page.locator('[data-hour] input');
  await expect(cells).toHaveCount(24);
  await cells.first().focus();
  const row = Array.from({ length: 24 }, (_, h) => String(100 + h)).join('\t');
  await paste(page, row);
  await expect(cells.nth(23)).toHaveValue('123');
  await expect(cells.nth(0)).toHaveValue('100');
  await expect(cells.nth(12)).toHaveValue('112');

  // 23 values into the whole-curve box: refused with a message, nothing changed.
  await page.getByText('Paste a whole curve').click();
  const box = page.getByLabel('24 or 168 values');
  await box.fill(Array.from({ length: 23 }, () => '7').join('\n'));
  await page.getByRole('button', { name: 'Use these values' }).click();
  await expect(
    page.getByText('23 values pasted: a curve needs 24 (one day) or 168 (one week)'),
  ).toBeVisible();
  await expect(box).toHaveValue(/7/);
  await expect(cells.nth(0)).toHaveValue('100');
  await expect(cells.nth(22)).toHaveValue('122');
  await axeClean(page, 'paste refused');
  await box.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'paste-refused');

  // Into an hour: more values than hours left is refused too.
  await cells.nth(20).focus();
  await paste(page, '1\t2\t3\t4\t5');
  await expect(page.getByText('5 values do not fit from 20:00')).toBeVisible();
  await expect(cells.nth(20)).toHaveValue('120');
  await paste(page, '1;2;3');
  await expect(cells.nth(22)).toHaveValue('3');
  await expect(page.getByText('5 values do not fit from 20:00')).toHaveCount(0);
  // A comma-separated list pasted into an hour is values too, not one odd number.
  await cells.nth(0).focus();
  await paste(page, '5, 6, 7');
  await expect(cells.nth(2)).toHaveValue('7');
  await expect(cells.nth(0)).toHaveValue('5');
});

test('the hour grid is one Tab stop: arrows, Home/End and Page Down move, typing edits', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  const grid = page.getByRole('grid', { name: /Requests per second of kitchen/ });
  await expect(grid).toBeVisible();
  await expect(grid.locator('input[tabindex="0"]')).toHaveCount(1);
  await expect(grid.locator('input')).toHaveCount(168);
  // Tab from the control before the grid lands on its first cell; one more Tab leaves the grid.
  await page.getByRole('button', { name: 'Import from monitoring CSV…' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mon 00:00')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Mon 02:00')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Tue 02:00')).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(page.getByLabel('Wed 02:00')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByLabel('Wed 23:00')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Wed 00:00')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByLabel('Tue 23:00')).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(page.getByLabel('Mon 23:00')).toBeFocused();
  await page.keyboard.type('42');
  await expect(page.getByLabel('Mon 23:00')).toHaveValue('42');
  // While correcting a value, Left and Home move the caret inside it, not to another hour.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('1');
  await expect(page.getByLabel('Mon 23:00')).toHaveValue('412');
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Mon 23:00')).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // the caret is at the start: on to the hour before
  await expect(page.getByLabel('Mon 22:00')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('42');
  await page.keyboard.press('Tab');
  await expect(grid.locator('input:focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Mon 23:00')).toBeFocused();
  await axeClean(page, 'hour grid');
  await page.getByLabel('Mon 23:00').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'hour-grid');
});

test('dragging fills the hours between pointer samples and stops at 1.25× the peak', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of kitchen' }).click();
  await page.getByLabel('One day (24 h)').check();
  const cells = page.locator('[data-hour] input');
  await expect(cells).toHaveCount(24);
  const values = async () => Promise.all(Array.from({ length: 24 }, (_, h) => cells.nth(h).inputValue()));
  const peak = Math.max(...(await values()).map(Number));
  await page.getByTestId('curve-drag').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('curve-drag').boundingBox())!;
  // One jump from hour 2 to hour 10, above the top of the bars: every hour between is drawn, none above 1.25×.
  await page.mouse.move(box.x + (box.width / 24) * 2.5, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + (box.width / 24) * 10.5, box.y - 40);
  await page.mouse.up();
  const after = (await values()).map(Number);
  for (let h = 2; h <= 10; h++) {
    expect(after[h], `hour ${h}`).toBeGreaterThan(peak);
    expect(after[h], `hour ${h}`).toBeLessThanOrEqual(peak * 1.25);
  }
});

test('the what-if knobs take growth and discounts in percent', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue(/— what-if$/);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByLabel('Growth per month, % (every service)').fill('4');
  await page.getByLabel('Discount, %: Service instance per VM').fill('30%');
  await page.getByRole('button', { name: 'Apply knobs' }).click();
  await expect(page.getByText('Changes recorded in this scenario')).toBeVisible();
  const plan = await savedPlan(page);
  expect(plan.services.every((s) => s.growthPerMonth === 0.04)).toBe(true);
  expect(plan.strategies?.vmPerService?.discount).toBe(0.3);

  await page.getByLabel('Discount, %: Serverless (Lambda)').fill('150');
  await page.getByRole('button', { name: 'Apply knobs' }).click();
  await expect(
    page.getByText('Discount (Serverless (Lambda)): must be a percent >= 0% and <= 99%'),
  ).toBeVisible();
});
