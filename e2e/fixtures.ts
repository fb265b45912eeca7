// Shared fixtures: every page is watched for console errors, uncaught exceptions and requests to any origin but
// the app's own; a test fails if it saw any.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

import { BASE_URL } from '../playwright.config.ts';

export const APP_ORIGIN = BASE_URL;

export interface Watch {
  problems: string[];
  foreignRequests: string[];
}

export function watchPage(page: Page, watch: Watch): void {
  page.on('console', (m) => {
    if (m.type() === 'error') watch.problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== APP_ORIGIN) watch.foreignRequests.push(url);
  });
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page }, use) => {
      const watch: Watch = { problems: [], foreignRequests: [] };
      watchPage(page, watch);
      await use(watch);
      expect(watch.problems, 'no console errors or uncaught exceptions').toEqual([]);
      expect(watch.foreignRequests, 'no requests to other origins').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

// Screenshots are test artifacts in reports/screenshots, taken where a person should look at a state; with
// `UPDATE_DOCS_SCREENSHOTS=1 npx playwright test a11y` the guide's own (docs/screenshots) are written instead.
export const SHOTS_DIR = process.env.UPDATE_DOCS_SCREENSHOTS ? 'docs/screenshots' : 'reports/screenshots';

/** Saves a screenshot of the page as it is now (passing notices dismissed first unless `keepNotices`). */
export async function shot(
  page: Page,
  name: string,
  { fullPage = false, keepNotices = false }: { fullPage?: boolean; keepNotices?: boolean } = {},
): Promise<void> {
  if (!keepNotices) {
    // One at a time, always the first: dismissing one re-lays the others, so a list taken up front goes stale.
    const dismiss = page.getByRole('button', { name: 'Dismiss message' });
    for (let left = await dismiss.count(); left > 0; left = await dismiss.count()) {
      await dismiss.first().click();
      await expect(dismiss).toHaveCount(left - 1);
    }
  }
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage });
}

/** Opens the app and waits until the open plan's results are on screen. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /changes saved|Saving|Not saved/ })).toHaveText(
    'All changes saved',
  );
}

/** The four strategy cards' monthly costs as shown, by strategy id. */
export async function cardCosts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const card of await page.locator('article[data-strategy]').all()) {
    const id = (await card.getAttribute('data-strategy'))!;
    out[id] = (await card.getByTestId('monthly-cost').textContent())!.trim();
  }
  return out;
}

export function usd(n: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
}

export async function downloadText(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Imports a plan file through the app's Import button (the browser file input). */
export async function importFile(
  page: Page,
  name: string,
  contents: string,
  button = 'Import…',
): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button, exact: true }).first().click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

/** A plan file of `services` generated services (24-hour curves), named "Large plan". */
export function largePlan(services: number): string {
  return JSON.stringify({
    format: 'headroom-plan',
    version: 1,
    name: 'Large plan',
    catalog: 'aws-us-east-1',
    services: Array.from({ length: services }, (_, i) => ({
      name: `svc-${i}`,
      trafficRps: Array.from({ length: 24 }, (_, h) => 5 + ((h * (i + 3)) % 17)),
      cpuMsPerRequest: 4 + (i % 9),
      durationMs: 40 + (i % 5) * 10,
      memoryMiB: 512,
    })),
  });
}

/** No axe violations (WCAG 2.2 A and AA) on the page as it is now; `state` names it in the failure. */
export async function axeClean(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    result.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    ),
    `axe violations with ${state}`,
  ).toEqual([]);
}
