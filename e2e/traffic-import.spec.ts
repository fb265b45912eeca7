// Traffic import through the panel with files a spreadsheet in another locale writes: decimal commas wait for the
// user's answer (a keyboard-usable radio group) and the preview reads what they chose; duplicate column names and
// rows wider than the header are located errors, never a crash or a silent drop. The console is watched
// (fixtures.ts): a Svelte error such as a duplicate key fails the test by itself.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, shot, SHOTS_DIR, test } from './fixtures.ts';

/** A full week, hourly (so the file fits a day or a week profile): `value(hourOfDay)` is the cell as written. */
function week(head: string, sep: string, value: (hour: number) => string): string {
  const start = Date.UTC(2026, 10, 2); // a Monday
  const rows = Array.from({ length: 168 }, (_, i) => {
    const t = new Date(start + i * 3_600_000).toISOString().replace('.000Z', 'Z');
    return `${t}${sep}${value(i % 24)}`;
  });
  return [head, ...rows].join('\r\n');
}

async function openPanel(page: Page): Promise<Locator> {
  await openApp(page);
  await page
    .getByRole('button', { name: /^Curve & details of / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Import from monitoring CSV…' }).click();
  return page.getByTestId('traffic-import');
}

async function choose(page: Page, panel: Locator, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    panel.getByRole('button', { name: 'Choose CSV file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

test('a decimal-comma export: the panel asks for the number format, and the preview reads the confirmed one', async ({
  page,
}) => {
  const panel = await openPanel(page);
  // A German spreadsheet: semicolons, decimal commas, a point between thousands at 19:00.
  await choose(
    page,
    panel,
    'anfragen.csv',
    week('Zeit;Anfragen', ';', (h) => (h === 19 ? '1.234,5' : `${10 + h},5`)),
  );
  const question = panel.getByRole('group', { name: 'How are numbers written in “Anfragen”?' });
  await expect(question).toBeVisible();
  // The example from the file, where it is, and what it becomes under each answer.
  await expect(question).toContainText('Line 2, column “Anfragen”: “10,5”');
  const point = question.getByRole('radio', { name: /^Decimal point/ });
  const comma = question.getByRole('radio', { name: /^Decimal comma/ });
  await expect(point).toHaveAccessibleName(/“10,5” is not a number/);
  await expect(comma).toHaveAccessibleName(/“10,5” is 10\.5/);
  await expect(question).toContainText('Only a decimal comma reads every value');
  await shot(page, 'traffic-number-format', { keepNotices: true });
  // Nothing is guessed: no answer, no preview, no Apply.
  await expect(point).not.toBeChecked();
  await expect(comma).not.toBeChecked();
  await expect(page.getByTestId('traffic-report')).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await expect(
    new AxeBuilder({ page }).include('[data-testid="traffic-import"]').analyze(),
  ).resolves.toMatchObject({ violations: [] });

  // From the keyboard: Space chooses the focused answer, the arrow keys move between answers.
  await point.focus();
  await page.keyboard.press('Space');
  await expect(point).toBeChecked();
  await expect(page.getByTestId('traffic-issues')).toContainText(
    'line 2, column “Anfragen”: "10,5" is not a number',
  );
  await page.keyboard.press('ArrowDown');
  await expect(comma).toBeChecked();
  await expect(comma).toBeFocused();

  const report = page.getByTestId('traffic-report');
  await expect(report).toContainText('read with a decimal comma');
  await panel.getByText('Show data').click();
  const row = (label: string) => panel.getByRole('row', { name: label, exact: false }).first();
  const hours = (await panel.getByRole('row').count()) - 1;
  await expect(row(hours === 168 ? 'Mon 19:00' : '19:00')).toContainText('1234.5');
  await expect(row(hours === 168 ? 'Mon 00:00' : '00:00')).toContainText('10.5');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toBeHidden();
  await expect(page.locator('td[data-hour="19"] input')).toHaveValue('1234.5');
  await expect(page.locator('td[data-hour="3"] input')).toHaveValue('13.5');
});

test('duplicate column names: a clear error naming the column, and the panel keeps working', async ({
  page,
}) => {
  const panel = await openPanel(page);
  await choose(
    page,
    panel,
    'twice.csv',
    week('time,rps,rps', ',', (h) => `${h + 1},${h + 2}`),
  );
  const issues = page.getByTestId('traffic-issues');
  await expect(issues).toContainText('line 1, column “rps”: Columns 2 and 3 are both named "rps"');
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();
  // The same panel then takes a good file.
  await choose(
    page,
    panel,
    'good.csv',
    week('time,rps', ',', (h) => `${h + 1}`),
  );
  await expect(page.getByTestId('traffic-report')).toContainText('samples every 60 min');
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeEnabled();
});

test('rows wider than the header: an unquoted decimal comma is refused at its line, a trailing delimiter is a named warning', async ({
  page,
}) => {
  const panel = await openPanel(page);
  await choose(
    page,
    panel,
    'split.csv',
    week('time,rps', ',', (h) => `${h},7`),
  );
  await expect(page.getByTestId('traffic-issues')).toContainText(
    'line 2, column “column 3”: This row has 3 cells; the header has 2. If "0,7" is one number',
  );
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();

  await choose(
    page,
    panel,
    'trailing.csv',
    week('time,rps', ',', (h) => `${h + 1},`),
  );
  await expect(page.getByTestId('traffic-report')).toContainText(
    '168 rows end with an empty extra cell (a delimiter at the end of the line, from line 2); ignored.',
  );
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeEnabled();
});

test('values such as "13.200" read as decimals as always; the question is shown answered, with a warning, and can be changed', async ({
  page,
}) => {
  const panel = await openPanel(page);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    panel.getByRole('button', { name: 'Choose CSV file…' }).click(),
  ]);
  await chooser.setFiles(new URL('../src/traffic/fixtures/grafana-panel.csv', import.meta.url).pathname);
  const question = panel.getByRole('group', { name: 'How are numbers written in “orders 2xx”?' });
  await expect(question).toContainText('Line 2, column “orders 2xx”: “13.200”');
  const point = question.getByRole('radio', { name: /^Decimal point/ });
  const comma = question.getByRole('radio', { name: /^Decimal comma/ });
  await expect(point).toBeChecked();
  await expect(comma).toHaveAccessibleName(/“13\.200” is 13200/);
  await expect(page.getByTestId('traffic-report')).toContainText(
    'Every value with a point has three digits after it: "13.200" was read as 13.2, not 13200.',
  );
  await panel.getByLabel('Each hour’s value').selectOption({ label: 'Maximum' });
  await panel.getByText('Show data').click();
  const hours = (await panel.getByRole('row').count()) - 1;
  const peak = panel
    .getByRole('row', { name: hours === 168 ? 'Mon 19:00' : '19:00', exact: false })
    .first()
    .getByRole('cell')
    .last();
  await expect(peak).toHaveText('121');
  await comma.check();
  await expect(peak).toHaveText('121000');
  await expect(page.getByTestId('traffic-report')).not.toContainText('was read as');
});

test('a Grafana "Formatted data" export (76 req/s, local times): one action removes the unit, times stay as written', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const panel = await openPanel(page);
  const apply = panel.getByRole('button', { name: 'Apply' });
  // Before any file, Apply says why it cannot be used.
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAccessibleDescription('Choose a CSV file first.');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    panel.getByRole('button', { name: 'Choose CSV file…' }).click(),
  ]);
  await chooser.setFiles(new URL('../src/traffic/fixtures/grafana-formatted.csv', import.meta.url).pathname);
  // One issue naming the unit, not 50 per-line errors; Apply says why it is off.
  const issues = page.getByTestId('traffic-issues');
  await expect(issues.getByRole('listitem')).toHaveCount(1);
  await expect(issues).toContainText('"13.2 req/s" and the other values end with the unit "req/s"');
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAccessibleDescription(/^Remove the unit “req\/s” first/);
  await expect(panel.getByTestId('apply-why')).toBeVisible();
  const remove = panel.getByRole('button', { name: 'Remove “req/s” and read again' });
  await expect(
    new AxeBuilder({ page }).include('[data-testid="traffic-import"]').analyze(),
  ).resolves.toMatchObject({ violations: [] });
  await panel.screenshot({ path: `${SHOTS_DIR}/M-traffic-unit-offer-1440.png` });
  await remove.click();
  const report = page.getByTestId('traffic-report');
  await expect(report).toContainText('Unit “req/s” removed from 504 values.');
  // Grafana wrote the dashboard's local time: shown as written, labelled, never with a Z.
  await expect(report).toContainText(
    'from 2026-11-02 00:00:00 to 2026-11-22 23:00:00 (local time as written',
  );
  await expect(report).not.toContainText(/\d{2}:\d{2}(:\d{2})?(\.\d+)?Z/);
  await expect(issues).toBeHidden();
  await expect(apply).toBeEnabled();
  await expect(panel.getByTestId('apply-why')).toBeHidden();
  await expect(
    new AxeBuilder({ page }).include('[data-testid="traffic-import"]').analyze(),
  ).resolves.toMatchObject({ violations: [] });
  await page.setViewportSize({ width: 1024, height: 700 });
  await report.scrollIntoViewIfNeeded();
  await shot(page, 'M-traffic-unit-removed-1024', { keepNotices: true });
  // What is applied is what the preview shows (hour 19: Monday's, or the day's, mean).
  await panel.getByText('Show data').click();
  const hours = (await panel.getByRole('row').count()) - 1;
  const peak = await panel
    .getByRole('row', { name: hours === 168 ? 'Mon 19:00' : '19:00', exact: false })
    .first()
    .getByRole('cell')
    .last()
    .textContent();
  expect(Number(peak)).toBeGreaterThan(100);
  await apply.click();
  await expect(panel).toBeHidden();
  await expect(page.locator('td[data-hour="19"] input')).toHaveValue(peak ?? '');
});

test('an unusable traffic file says next to Apply why it cannot be applied', async ({ page }) => {
  const panel = await openPanel(page);
  await choose(page, panel, 'short.csv', 'time,rps\n2026-11-02T00:00:00Z,5\n2026-11-02T01:00:00Z,6\n');
  await expect(page.getByTestId('traffic-issues')).toContainText(/No data for \d+ hours/);
  const apply = panel.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAccessibleDescription('The file cannot be used as it is: see the problem above.');
  // A decimal-comma file waits for the number-format answer, and says so.
  await choose(
    page,
    panel,
    'komma.csv',
    week('Zeit;Anfragen', ';', (h) => `${10 + h},5`),
  );
  await expect(apply).toHaveAccessibleDescription('Choose how numbers are written (above) first.');
});
