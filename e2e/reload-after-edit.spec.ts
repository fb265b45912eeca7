// An edit survives the page going away right after it: a reload or a closed tab at 0 ms (the IndexedDB write
// started in pagehide may never commit; the journal in localStorage does), and the save indicator says "Saving…"
// from the moment of the edit until the write has committed, also while a large plan is evaluated in the worker.
import type { Page } from '@playwright/test';
import { expect, importFile, largePlan, openApp, test, watchPage, type Watch } from './fixtures.ts';

const CPU = 'CPU ms per request of delivery';

/** The open plan's document as IndexedDB holds it now (read with a connection of its own). */
async function storedPlan(page: Page, name: string): Promise<Record<string, unknown> | null> {
  return page.evaluate(async (planName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('headroom');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<{ name: string; document: Record<string, unknown> }[]>(
      (resolve, reject) => {
        const req = db.transaction('plans').objectStore('plans').getAll();
        req.onsuccess = () => resolve(req.result as { name: string; document: Record<string, unknown> }[]);
        req.onerror = () => reject(req.error);
      },
    );
    db.close();
    return rows.find((r) => r.name === planName)?.document ?? null;
  }, name);
}

test('edit then reload at 0 ms keeps the edit, 20 times out of 20', async ({ page }) => {
  await openApp(page);
  const kept: boolean[] = [];
  for (let i = 0; i < 20; i++) {
    const value = String(100 + i);
    await page.getByLabel(CPU).fill(value);
    await page.reload();
    await openApp(page);
    kept.push((await page.getByLabel(CPU).inputValue()) === value);
  }
  expect(kept.filter(Boolean).length, `edits kept: ${kept.map(Number).join('')}`).toBe(20);
  await expect(page.locator('.save-state')).toHaveText('All changes saved');
});

test('edit then close the tab at 0 ms and open the app again keeps the edit, 10 times out of 10', async ({
  page,
  context,
}) => {
  await openApp(page);
  const watch: Watch = { problems: [], foreignRequests: [] };
  let current = page;
  for (let i = 0; i < 10; i++) {
    const value = String(200 + i);
    await current.getByLabel(CPU).fill(value);
    await current.close();
    current = await context.newPage();
    watchPage(current, watch);
    await openApp(current);
    await expect(current.getByLabel(CPU)).toHaveValue(value);
  }
  expect(watch).toEqual({ problems: [], foreignRequests: [] });
});

test('with 2,000 services the indicator says Saving… from the edit until the write has committed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await importFile(page, 'large.json', largePlan(2000));
  await expect(page.getByText('Services 1–50 of 2000')).toBeVisible({ timeout: 30_000 });
  const indicator = page.locator('.save-state');
  await expect(indicator).toHaveText('All changes saved', { timeout: 30_000 });

  // Type, then look at the indicator before anything else runs (one task later: no write can have committed).
  const shown = await page.evaluate(async (label) => {
    const input = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)
      ?.control as HTMLInputElement;
    input.focus();
    input.value = '777';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    return document.querySelector('.save-state')?.textContent?.trim();
  }, 'Duration ms of svc-7');
  expect(shown).toBe('Saving…');

  await expect(indicator).toHaveText('All changes saved', { timeout: 30_000 });
  const doc = await storedPlan(page, 'Large plan');
  expect((doc?.services as { durationMs: number }[])[7]!.durationMs).toBe(777);
});
