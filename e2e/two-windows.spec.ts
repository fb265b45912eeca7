// Two tabs on one profile (one IndexedDB): a change saved in one shows up in the other, and two edits of the same
// plan never overwrite each other silently: both versions are kept and the window whose save came second is told.
import type { Page } from '@playwright/test';
import { expect, openApp, shot, test, waitSaved, watchPage, type Watch } from './fixtures.ts';

const PLAN = 'Food delivery platform';

async function secondPage(page: Page, watch: Watch): Promise<Page> {
  const other = await page.context().newPage();
  watchPage(other, watch);
  await openApp(other);
  return other;
}

/** Every text the save indicator shows from now on, in order. */
async function recordIndicator(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const el = document.querySelector('.save-state')!;
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const text = el.textContent?.trim() ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

test('a change saved in one window shows up in the other', async ({ page }) => {
  const watch: Watch = { problems: [], foreignRequests: [] };
  await openApp(page);
  const b = await secondPage(page, watch);
  await page.getByLabel('Memory MiB of kitchen').fill('2048');
  await waitSaved(page);
  await expect(b.getByLabel('Memory MiB of kitchen')).toHaveValue('2048');
  await expect(b.getByText(`“${PLAN}” was changed in another window`)).toBeVisible();
  await expect(b.locator('.save-state')).toHaveText('All changes saved');
  // And back: B's change reaches A, and the plans list follows.
  await b.getByLabel('Plan name').fill('Renamed in B');
  await waitSaved(b);
  await expect(page.getByLabel('Plan name')).toHaveValue('Renamed in B');
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(page.getByRole('row', { name: /Renamed in B/ })).toBeVisible();
  expect(watch).toEqual({ problems: [], foreignRequests: [] });
});

test('two windows editing the same plan keep both versions, and the second to save is told', async ({
  page,
}) => {
  const watch: Watch = { problems: [], foreignRequests: [] };
  // A's clock is held while it edits, so its save waits (as on a slow machine) until B's change arrives. (Before
  // issue 9 an invalid value held it; invalid values are now saved at once, as drafts.)
  await page.clock.install();
  await openApp(page);
  const b = await secondPage(page, watch);
  await page.clock.pauseAt(Date.now() + 60_000);
  const seenInA = await recordIndicator(page);
  await page.getByLabel('CPU ms per request of delivery').fill('33');
  await expect(page.locator('.save-state')).toHaveText('Saving…');
  // B changes the plan and saves; A hears of it with its edit still pending: A's save is based on the version before
  // B's, so it must not replace B's.
  await b.getByLabel('Memory MiB of kitchen').fill('2048');
  // The clock is the context's (B's is held too): B writes now as a tab does when it is hidden.
  await b.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: unknown }).visibilityState;
  });
  await waitSaved(b);
  const notice = page.getByText(`“${PLAN}” was also changed in another window`);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/your edits as “Food delivery platform \(conflicted copy, \d\d:\d\d\)”/);
  await expect(page.locator('.save-state')).toHaveText('All changes saved');
  expect(await seenInA()).toEqual(['Saving…', 'All changes saved']);
  await page.clock.resume();
  await shot(page, 'conflicted-copy', { keepNotices: true });
  // A now shows its copy, with its own edit and without B's.
  await expect(page.getByLabel('Plan name')).toHaveValue(
    /^Food delivery platform \(conflicted copy, \d\d:\d\d\)$/,
  );
  await expect(page.getByLabel('CPU ms per request of delivery')).toHaveValue('33');
  await expect(page.getByLabel('Memory MiB of kitchen')).not.toHaveValue('2048');
  // B keeps its version under the plan, lists the copy, and never shows A's edit as its own.
  await expect(b.getByLabel('Plan name')).toHaveValue(PLAN);
  await expect(b.getByLabel('Memory MiB of kitchen')).toHaveValue('2048');
  await expect(b.getByLabel('CPU ms per request of delivery')).not.toHaveValue('33');
  await expect(b.locator('.save-state')).toHaveText('All changes saved');
  await b.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(b.locator('table.list tbody tr')).toHaveCount(2);
  await expect(b.getByRole('row', { name: /conflicted copy/ })).toBeVisible();
  // The notice's action opens the other window's version.
  await page.getByRole('button', { name: 'Open the other version' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue(PLAN);
  await expect(page.getByLabel('Memory MiB of kitchen')).toHaveValue('2048');
  // Both survive a reload.
  await page.reload();
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await expect(page.locator('table.list tbody tr')).toHaveCount(2);
  expect(watch).toEqual({ problems: [], foreignRequests: [] });
});
