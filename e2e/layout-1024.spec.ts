// A 1024×700 window (a laptop with a projector, issue 9 §11): the services table's actions fit without a sideways
// scroll, and notices never hide what they sit over: the end of every page can be scrolled out from under them,
// and a focused control is never behind one (WCAG 2.4.11, Focus Not Obscured).
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, shot, test } from './fixtures.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(locator: Locator): Promise<Box[]> {
  const out: Box[] = [];
  for (const l of await locator.all()) {
    const b = await l.boundingBox();
    if (b) out.push(b);
  }
  return out;
}

test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024 px the services table’s Actions stay in view: frozen at the right, whatever the sideways scroll', async ({
  page,
}) => {
  await openApp(page);
  const wrap = page.locator('.table-wrap').first();
  await expect(wrap).toBeVisible();
  const row = page.locator('table.services tbody tr').first();
  const actions = row.locator('td.actions');
  const buttons = [/^Curve & details of /, /^Move .* down$/, /^Duplicate /, /^Remove /].map((name) =>
    row.getByRole('button', { name }),
  );
  const inView = async (where: string) => {
    const area = (await wrap.boundingBox())!;
    for (const b of buttons) {
      const box = (await b.boundingBox())!;
      expect(
        box.x,
        `${where}: ${await b.getAttribute('aria-label')} starts inside the table`,
      ).toBeGreaterThanOrEqual(area.x);
      expect(
        box.x + box.width,
        `${where}: ${await b.getAttribute('aria-label')} ends inside the table`,
      ).toBeLessThanOrEqual(Math.min(area.x + area.width, 1024));
    }
  };
  await wrap.evaluate((e) => (e.scrollLeft = 0));
  await inView('scrolled to the start');
  await shot(page, 'M-services-1024', { keepNotices: true });
  await wrap.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await inView('scrolled to the end');
  // Every field of the row, when focused (as Tab does), comes into view clear of the frozen column.
  await wrap.evaluate((e) => (e.scrollLeft = 0));
  const fields = row.locator('input');
  for (let i = 0; i < (await fields.count()); i++) {
    const field = fields.nth(i);
    await field.focus();
    const box = (await field.boundingBox())!;
    const frozen = (await actions.boundingBox())!;
    expect(
      overlaps(box, frozen),
      `${await field.getAttribute('aria-label')} is not under the Actions column`,
    ).toBe(false);
  }
  await shot(page, 'M-services-1024-scrolled', { keepNotices: true });
});

async function threeNotices(page: Page): Promise<Locator> {
  for (let i = 0; i < 3; i++) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export comparison CSV/ }).click();
    await download;
  }
  const notices = page.locator('.notice');
  await expect(notices).toHaveCount(3);
  return notices;
}

test('at 1024×700 notices never cover the comparison: its end scrolls clear of them, focus is never behind one', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue(/— what-if$/);
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await page.getByRole('button', { name: 'Compare with base' }).click();
  await expect(page.getByRole('heading', { name: 'Compare plans and scenarios' })).toBeVisible();
  const notices = await threeNotices(page);
  // The end of the page scrolls clear of the notices.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const tables = page.locator('main table');
  // Scrolled to the end, the notices cover none of the page's content (the comparison table and its chart).
  const main = (await page.locator('main').boundingBox())!;
  for (const n of await boxes(notices))
    expect(overlaps(main, n), 'the end of the page is clear of the notices').toBe(false);
  // Tab through the comparison: no focused control is behind a notice.
  await page.evaluate(() => window.scrollTo(0, 0));
  const focusable = page.locator('main').locator('button, input, select, summary, a[href], [tabindex="0"]');
  const count = await focusable.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const el = focusable.nth(i);
    if (!(await el.isVisible()) || (await el.isDisabled())) continue;
    await el.focus();
    const box = (await el.boundingBox())!;
    const what = await el.evaluate((e) => e.outerHTML.slice(0, 80));
    if (box.height > 200) {
      // A scrollable region taller than the window: part of it is always in view, above the notices.
      const top = Math.min(...(await boxes(notices)).map((n) => n.y));
      expect(Math.max(box.y, 0), `${what} shows above the notices`).toBeLessThan(top);
      continue;
    }
    for (const n of await boxes(notices)) expect(overlaps(box, n), `focused ${what}`).toBe(false);
  }
  await expect(tables.first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await shot(page, 'M-notices-compare-1024', { keepNotices: true });
});
