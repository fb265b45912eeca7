// Issue 10 §5–§6, the app on equal terms: each strategy card states its scaling mode, what its total includes and
// what it does not; the plan-wide components (front door, zones, …) are edited in their own section and change
// those lists; when VM per service and containers scale on different terms a notice says so and puts them on
// equal terms in one undoable click. Screenshots at 1440×900 and 1024×700.
import { copyFile, mkdir } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { fieldsUnder, PLAN_FIELDS, type FieldDecl } from '../src/plan/fields.ts';
import { PLAN_WIDE } from '../src/ui/editor/problem-places.ts';
import { axeClean, cardCosts, expect, openApp, shot, SHOTS_DIR, test } from './fixtures.ts';

const card = (page: Page, id: string): Locator => page.locator(`article[data-strategy="${id}"]`);

/** A card's "Not included" list, opened. */
async function notIncluded(page: Page, id: string): Promise<Locator> {
  const details = card(page, id).getByTestId('not-included');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  return details.locator('ul');
}

/** Saves a screenshot in the test artifacts and, for the report, as /work/wt/shots/E-<name>.png when it exists. */
async function eShot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await shot(page, `equal-terms-${name}`, options);
  const dir = process.env.E_SHOTS_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await copyFile(`${SHOTS_DIR}/equal-terms-${name}.png`, `${dir}/E-${name}.png`);
}

/** No card's name spills out of its card (long names such as "Serverless (Lambda) + VMs for 1 service" wrap). */
async function namesFit(page: Page): Promise<void> {
  for (const h of await page.locator('article[data-strategy] h3').all()) {
    const [scroll, client] = await h.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scroll, `${await h.textContent()} fits its card`).toBeLessThanOrEqual(client);
  }
}

test('each card states its scaling mode, what it includes and what it leaves out; a front door and zones change them', async ({
  page,
}) => {
  test.slow(); // axe three times on the full results
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);

  // The example plan (version 1): VMs static, containers hourly, Lambda per request and leaving a service out.
  await expect(card(page, 'shared-host').getByTestId('scaling')).toHaveText('Static (peak all month)');
  await expect(card(page, 'vm-per-service').getByTestId('scaling')).toHaveText('Static (peak all month)');
  await expect(card(page, 'container-cluster').getByTestId('scaling')).toHaveText('Hourly, no scale-ahead');
  await expect(card(page, 'serverless').getByTestId('scaling')).toHaveText('Per request');
  await expect(card(page, 'vm-per-service').getByTestId('included')).toHaveText('Includes: Instance hours');
  await expect(card(page, 'serverless').getByTestId('incomplete')).toHaveText('incomplete total');
  await expect(card(page, 'vm-per-service').getByTestId('incomplete')).toHaveCount(0);
  const vmLeftOut = await notIncluded(page, 'vm-per-service');
  await expect(vmLeftOut).toContainText('a load balancer in front: none configured');
  await expect(vmLeftOut).toContainText('data transfer between zones');
  const lambdaLeftOut = await notIncluded(page, 'serverless');
  await expect(lambdaLeftOut).toContainText('a front door (API Gateway or a load balancer): none configured');
  await namesFit(page);
  await card(page, 'vm-per-service').scrollIntoViewIfNeeded();
  await axeClean(page, 'the cards with their terms');
  await eShot(page, 'cards-1440');

  // The plan-wide section: a shared ALB in front, two zones.
  await page.getByRole('tab', { name: 'Plan-wide' }).click();
  // Every declared field of every component is there with its declared label (a declared field shows by itself).
  const decl = (key: string) => (PLAN_FIELDS as Record<string, FieldDecl>)[key]!;
  for (const key of PLAN_WIDE)
    for (const name of fieldsUnder(key)) {
      const inner = decl(`${key}.${name}`).kind === 'shape' ? fieldsUnder(`${key}.${name}`) : [null];
      for (const leaf of inner) {
        const path = leaf === null ? `${key}.${name}` : `${key}.${name}.${leaf}`;
        const input = page.locator(`[data-path="${path}"]`);
        await expect(input, `${path} is on screen`).toHaveCount(1);
        await expect(input, `${path}: declared label`).toHaveAccessibleName(decl(path).label);
      }
    }
  for (const legend of ['Front door', 'Zones', 'Storage', 'Network', 'Logs', 'Operations (people)'])
    await expect(page.getByRole('group', { name: legend, exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Person-hours per month' })).toBeVisible();
  await page
    .getByLabel('Load balancer', { exact: true })
    .selectOption({ label: 'Application Load Balancer (ALB)' });
  await page.getByLabel('Availability zones', { exact: true }).fill('2');
  await axeClean(page, 'the plan-wide section');
  await eShot(page, 'plan-wide-1440');
  await expect(vmLeftOut).not.toContainText('a load balancer in front');
  await expect(await notIncluded(page, 'shared-host')).not.toContainText('a load balancer in front');
  // Lambda's front door is its own setting: still not included there.
  await expect(lambdaLeftOut).toContainText('a front door (API Gateway or a load balancer)');

  // Lambda behind an HTTP API: its total and both of its lists change.
  const before = await cardCosts(page);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  await page.getByLabel('API Gateway in front', { exact: true }).selectOption({ label: 'HTTP API' });
  await expect.poll(async () => (await cardCosts(page)).serverless).not.toBe(before.serverless);
  await expect(card(page, 'serverless').getByTestId('included')).toContainText(
    'API Gateway HTTP API requests',
  );
  await expect(lambdaLeftOut).not.toContainText('a front door');
  await card(page, 'serverless').scrollIntoViewIfNeeded();
  await axeClean(page, 'the cards after the front doors are set');
  await eShot(page, 'cards-after-1440');
});

test('a front door and zones are priced into the totals of the strategies behind them', async ({ page }) => {
  await openApp(page);
  const before = await cardCosts(page);
  const includedBefore = await card(page, 'vm-per-service').getByTestId('included').textContent();
  await page.getByRole('tab', { name: 'Plan-wide' }).click();
  await page
    .getByLabel('Load balancer', { exact: true })
    .selectOption({ label: 'Application Load Balancer (ALB)' });
  await expect
    .poll(async () => (await cardCosts(page))['vm-per-service'], { timeout: 5_000 })
    .not.toBe(before['vm-per-service']);
  await expect(card(page, 'vm-per-service').getByTestId('included')).not.toHaveText(includedBefore!);
  const withDoor = await cardCosts(page);
  await page.getByLabel('Availability zones', { exact: true }).fill('3');
  await page.getByLabel('Survive the loss of a zone', { exact: true }).check();
  await expect
    .poll(async () => (await cardCosts(page))['shared-host'], { timeout: 5_000 })
    .not.toBe(withDoor['shared-host']);
});

test('the scaling notice puts VMs, containers and Fargate on equal terms in one undoable click', async ({
  page,
}) => {
  test.slow(); // axe twice on the full results
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const notice = page.getByTestId('scaling-notice');
  await expect(notice).toContainText('Scaling is not on equal terms.');
  await expect(notice).toContainText(
    'VM per service: Static (peak all month); Containers: Hourly, no scale-ahead; Fargate: Hourly, no scale-ahead.',
  );
  await notice.scrollIntoViewIfNeeded();
  await namesFit(page);
  await axeClean(page, 'the scaling notice');
  await eShot(page, 'notice-1024');

  const before = await cardCosts(page);
  await notice.getByRole('button', { name: 'Scale all 3 hourly, no scale-ahead' }).click();
  await expect(notice).toHaveCount(0);
  await expect(card(page, 'vm-per-service').getByTestId('scaling')).toHaveText('Hourly, no scale-ahead');
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).not.toBe(before['vm-per-service']);
  await expect((await cardCosts(page))['container-cluster']).toBe(before['container-cluster']);
  await axeClean(page, 'the cards on equal terms');
  await card(page, 'vm-per-service').scrollIntoViewIfNeeded();
  await eShot(page, 'equal-1024');

  // One edit, undone as one: the notice's Undo brings back the static VMs and their total.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toBeVisible();
  await expect(card(page, 'vm-per-service').getByTestId('scaling')).toHaveText('Static (peak all month)');
  await expect.poll(async () => (await cardCosts(page))['vm-per-service']).toBe(before['vm-per-service']);

  // Both hourly but a different scale-ahead is not equal terms either; the change keeps the larger.
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  // The version 2 strategy settings show by themselves, from their declarations.
  const lambda = page.getByRole('group', { name: 'Serverless (Lambda)' });
  await expect(lambda.getByLabel('Functions in the VPC')).toBeVisible();
  await expect(lambda.getByLabel('Services Lambda cannot run')).toBeVisible();
  await expect(lambda.getByLabel('API Gateway in front').locator('option')).toContainText([
    'Application Load Balancer',
  ]);
  await page
    .getByRole('group', { name: 'Service instance per VM' })
    .getByLabel('Scaling')
    .selectOption({ label: 'Hourly (follows the curve)' });
  await page
    .getByRole('group', { name: 'Service instance per container' })
    .getByLabel('Scale ahead (hours)')
    .fill('2');
  await expect(notice).toContainText(
    'VM per service: Hourly, no scale-ahead; Containers: Hourly, 2 h ahead; Fargate: Hourly, no scale-ahead.',
  );
  await notice.getByRole('button', { name: 'Scale all 3 hourly, 2 h ahead' }).click();
  await expect(notice).toHaveCount(0);
  await expect(card(page, 'vm-per-service').getByTestId('scaling')).toHaveText('Hourly, 2 h ahead');
  await expect(card(page, 'serverless-containers').getByTestId('scaling')).toHaveText('Hourly, 2 h ahead');
  await expect(
    page.getByRole('group', { name: 'Service instance per VM' }).getByLabel('Scale ahead (hours)'),
  ).toHaveValue('2');

  await page.getByRole('tab', { name: 'Plan-wide' }).click();
  await expect(page.getByRole('group', { name: 'Front door', exact: true })).toBeVisible();
  await axeClean(page, 'the plan-wide section at 1024×700');
  await eShot(page, 'plan-wide-1024');
});

test('a service’s Lambda memory can be auto, beside the number', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Curve & details of order' }).click();
  const details = page.getByRole('dialog', { name: /Service details: order/ });
  const memory = details.getByLabel(/^Memory \(MB, 128–10240\)$/);
  await expect(memory).toHaveValue(/^\d+$/);
  const mb = await memory.inputValue();
  await details.getByLabel('Auto memory').check();
  await expect(memory).toHaveCount(0);
  await expect(details).toContainText('Auto: the smallest at or above the service’s memory');
  await expect(page.getByTestId('draft')).toHaveCount(0);
  await details
    .getByRole('group', { name: 'Serverless (Lambda)' })
    .evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await axeClean(page, 'Lambda memory on auto');
  await eShot(page, 'auto-memory-1440');
  await details.getByLabel('Auto memory').uncheck();
  await expect(memory).toHaveValue(mb);
});
