// Save as HTML: the report for the meeting, downloaded from the app, then opened on its own as a reader would —
// offline, with nothing requested, no script, every strategy's total as on the cards.
import { pathToFileURL } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { downloadText, expect, openApp, test } from './fixtures.ts';

test('Save as HTML downloads one self-contained report that opens offline with the totals on screen', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const { name, text } = await downloadText(page, () =>
    page.getByRole('button', { name: 'Save as HTML' }).click(),
  );
  expect(name).toMatch(/^food-delivery-platform-report-\d{4}-\d{2}-\d{2}\.html$/);
  expect(text.startsWith('<!doctype html>')).toBe(true);
  const file = testInfo.outputPath('report.html');
  await writeFile(file, text);

  const report = await page.context().newPage();
  const requests: string[] = [];
  report.on('request', (r) => requests.push(r.url()));
  await report.goto(pathToFileURL(file).href);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText(
    'Food delivery platform: cost and capacity',
  );
  await expect(report.locator('script')).toHaveCount(0);
  await expect(report.getByRole('img', { name: /Monthly cost by strategy/ }).first()).toBeVisible();
  await expect(
    report.getByText('Cheapest strategy that runs every service: Serverless containers (Fargate)'),
  ).toBeVisible();
  expect(requests).toEqual([pathToFileURL(file).href]);
});
