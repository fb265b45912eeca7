// The edit path of a large plan in the browser build (issue 9, "Performance"): the worker is handed the parsed plan,
// and after a one-service edit only that service; the results follow the edit and the forecast follows the results.
import { cardCosts, expect, importFile, largePlan, shot, test } from './fixtures.ts';

/** What the page sends to its workers, summarized (installed before the app loads). */
declare global {
  interface Window {
    sentToWorker?: { keys: string[]; objects: number; indices: number; report: boolean; forecast: boolean }[];
  }
}

test('a one-service edit of a 300-service plan sends the worker that one service, and results and forecast follow', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.sentToWorker = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as {
        plan?: { services?: unknown[] };
        report?: boolean;
        forecast?: unknown;
      };
      const services = m.plan?.services ?? [];
      window.sentToWorker!.push({
        keys: Object.keys(m).sort(),
        objects: services.filter((s) => typeof s === 'object').length,
        indices: services.filter((s) => typeof s === 'number').length,
        report: m.report === true,
        forecast: m.forecast !== null && m.forecast !== undefined,
      });
      return (post as (this: Worker, ...args: unknown[]) => void).call(this, message, ...rest);
    };
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await importFile(page, 'large.json', largePlan(300));
  await expect(page.getByText('Large plan · prices')).toBeVisible();
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(12);
  const before = await cardCosts(page);
  const sentBefore = await page.evaluate(() => window.sentToWorker!.length);

  await page.getByLabel('Duration ms of svc-7', { exact: true }).fill('900');
  await expect.poll(async () => (await cardCosts(page)).serverless).not.toBe(before.serverless);
  // The report's request went first; the forecast's follows once the report is on screen.
  await expect.poll(() => page.evaluate(() => window.sentToWorker!.length)).toBe(sentBefore + 2);
  const sent = await page.evaluate(() => window.sentToWorker!);
  // Never a document: a parsed plan, and what to compute.
  for (const m of sent) expect(m.keys).toEqual(['channel', 'forecast', 'id', 'key', 'plan', 'report']);
  const [report, forecast] = sent.slice(sentBefore);
  expect(report).toMatchObject({ report: true, forecast: false, objects: 1, indices: 299 });
  expect(forecast).toMatchObject({ report: false, forecast: true, objects: 0, indices: 300 });
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(12);
  // What a person sees after the edit, at both window sizes the issue names.
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'edit-path-300-services-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'edit-path-300-services-1024');
});
