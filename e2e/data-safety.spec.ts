// Data safety in real Chromium: a v1 database migrates with every plan intact (and a backup first), data from a
// newer Headroom opens read-only, Export all / Restore / Undo through the UI, a full disk (Chromium's quota
// override) gives a clear message while export still works, and another window upgrading asks for a reload.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { shot } from './fixtures.ts';
import { DATA_FORMAT } from '../src/db/schema.ts';

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]> & { plans: unknown[] };
}
const fixture = (v: number) =>
  JSON.parse(readFileSync(new URL(`../src/db/fixtures/v${v}.json`, import.meta.url), 'utf8')) as Fixture;

/** Writes a database exactly as schema version `fx.version` left it (Dexie stores version n as 10n). */
async function seed(page: Page, fx: Fixture): Promise<void> {
  await page.route('**/__seed', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>seed</title></html>',
    }),
  );
  await page.goto('/__seed');
  await page.evaluate(async (fx: Fixture) => {
    await new Promise<void>((resolve, reject) => {
      const del = indexedDB.deleteDatabase('headroom');
      del.onsuccess = () => resolve();
      del.onerror = () => reject(del.error);
    });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('headroom', fx.version * 10);
      req.onupgradeneeded = () => {
        for (const [name, spec] of Object.entries(fx.stores)) {
          const [primary = '', ...indexes] = spec.split(',').map((s) => s.trim());
          const auto = primary.startsWith('++');
          const store = req.result.createObjectStore(name, {
            keyPath: primary.replace('++', ''),
            autoIncrement: auto,
          });
          for (const index of indexes) store.createIndex(index, index);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(Object.keys(fx.data), 'readwrite');
    for (const [name, rows] of Object.entries(fx.data)) for (const row of rows) tx.objectStore(name).put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, fx);
}

async function openData(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Data & backups' })
    .click();
  await expect(page.getByTestId('data-settings')).toBeVisible();
}

/** Restore asks first: the dialog names what goes and what comes; "Replace everything" goes ahead. */
async function confirmRestore(page: Page, what: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Replace all your data?' });
  await expect(dialog).toContainText(what);
  await expect(dialog).toContainText('you can undo the restore');
  await dialog.getByRole('button', { name: 'Replace everything' }).click();
  await expect(dialog).toBeHidden();
}

test('a version 1 database migrates in Chromium with every plan intact and a backup taken first', async ({
  page,
}) => {
  const v1 = fixture(1);
  await seed(page, v1);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plans' }).click();
  for (const p of v1.data.plans as { name: string }[]) {
    await expect(page.getByText(p.name, { exact: true }).first()).toBeVisible();
  }
  await openData(page);
  const backups = page.getByTestId('backups');
  // One backup per upgrade step (1 → 2, 2 → 3, …, up to the current format), each of every plan as it was.
  const migrations = backups.getByRole('row', { name: /Before an update of the data format/ });
  await expect(migrations).toHaveCount(DATA_FORMAT - 1);
  for (const row of await migrations.all()) await expect(row).toContainText(String(v1.data.plans.length));
  await expect(page.getByText('Nothing is in quarantine')).toBeVisible();
});

test('a version 2 database’s snapshot scenario becomes a plan of its own, with a note (issue 9 §7)', async ({
  page,
}) => {
  const v2 = fixture(2);
  v2.data.quarantine = []; // its quarantined row would open the Data screen at start-up
  await seed(page, v2);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plans' }).click();
  const row = page.getByRole('row', { name: /Food delivery ×2 traffic/ });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('scenario of');
  await page.getByRole('button', { name: 'Open Food delivery ×2 traffic' }).click();
  await page.getByRole('tab', { name: 'What-if scenarios' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Detached from' })).toHaveText(
    'Detached from “Food delivery” when scenarios began to record their changes: it was a copy made before, so ' +
      'it does not follow that plan.',
  );
  await openData(page);
  await expect(page.getByText('Nothing is in quarantine')).toBeVisible();
});

test('data written by a newer Headroom opens read-only with a clear banner', async ({ page }) => {
  const v2 = fixture(2);
  v2.data.meta = [{ key: 'format', value: 99 }];
  await seed(page, v2);
  await page.goto('/');
  await expect(
    page.getByRole('alert').filter({ hasText: 'written by a newer version of Headroom' }),
  ).toBeVisible();
  await openData(page);
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Restore from file…' })).toBeDisabled();
  // Reading and export still work.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all data' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect((JSON.parse(text) as { plans: unknown[] }).plans).toHaveLength(v2.data.plans.length);
});

test('export all, restore from the file, undo the restore', async ({ page }) => {
  await seed(page, fixture(2));
  await page.goto('/');
  await openData(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all data' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^headroom-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await saved.path(), 'utf8')) as { plans: { name: string }[] };
  const names = exported.plans.map((p) => p.name);
  expect(names).toContain('Batch analytics');

  // Restore a file holding only one of the plans.
  const only = { ...exported, plans: exported.plans.filter((p) => p.name === 'Batch analytics') };
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from file…' }).click();
  await (
    await chooser
  ).setFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(only)) });
  await confirmRestore(page, /by the contents of “one\.json”/);
  // The app reloads its plans after a restore; the data screen keeps the message and its Undo.
  await openData(page);
  await expect(page.getByRole('status').filter({ hasText: 'Restored 1 plan' })).toBeVisible();
  // The undo is offered until dismissed, also after a reload (its backup is pinned against retention).
  await page.reload();
  await openData(page);
  await expect(page.getByTestId('backups').getByRole('row', { name: /needed by Undo restore/ })).toHaveCount(
    1,
  );
  await page.getByRole('button', { name: 'Undo restore' }).click();
  await openData(page);
  await expect(page.getByRole('status').filter({ hasText: 'The restore was undone' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plans' }).click();
  await expect(page.getByText('Food delivery ×2 traffic', { exact: true }).first()).toBeVisible();

  // An invalid file: located problems, nothing changed.
  await openData(page);
  const bad = structuredClone(exported) as unknown as {
    plans: { document: { services: { trafficRps: unknown[] }[] } }[];
  };
  bad.plans[0]!.document.services[0]!.trafficRps[3] = -5;
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from file…' }).click();
  await (
    await chooser2
  ).setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await confirmRestore(page, /“bad\.json”/);
  await expect(page.getByTestId('restore-issues')).toContainText(
    'plans[0].document.services[0].trafficRps[3]',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was changed' })).toBeVisible();
});

test('storage full: a clear message, nothing half-written, export still works', async ({ baseURL }) => {
  // Chromium's quota override applies to the default browser context only: use a persistent profile.
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'headroom-quota-')), {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL,
    acceptDownloads: true,
  });
  try {
    const page = await context.newPage();
    // Chromium sizes the origin's storage when it is first used: set a small quota (60 KB; IndexedDB counts compressed bytes) before anything.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL!).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 60_000 });
    await seed(page, fixture(2));
    await page.goto('/');
    await openData(page);
    // A valid export file larger than the quota: 200 copies of the plans (about 2 MB).
    const first = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all data' }).click();
    const exported = JSON.parse(readFileSync(await (await first).path(), 'utf8')) as {
      plans: { id: string }[];
    };
    const big = {
      ...exported,
      plans: Array.from({ length: 200 }, (_, i) =>
        exported.plans.map((p) => ({ ...p, id: `${p.id}-${i}` })),
      ).flat(),
    };
    const rowsBefore = await page.getByTestId('backups').getByRole('row').count();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restore from file…' }).click();
    await (
      await chooser
    ).setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
    await confirmRestore(page, /“big\.json”/);
    await expect(page.getByRole('alert').filter({ hasText: 'Storage is full' })).toBeVisible();
    // Nothing half-written: no new backup, and every plan as it was.
    await expect(page.getByTestId('backups').getByRole('row')).toHaveCount(rowsBefore);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all data' }).click();
    const after = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { plans: unknown[] };
    expect(after.plans).toEqual(exported.plans);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  } finally {
    await context.close();
  }
});

/** Opens a Chromium profile whose origin has only `quotaSize` bytes (the override needs a persistent profile). */
async function smallQuota(baseURL: string, quotaSize: number) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'headroom-quota-')), {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    // The full disk itself is what this test provokes; anything else logged as an error is a problem.
    if (m.type() === 'error' && !/quota|QuotaExceeded/i.test(m.text())) problems.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL).origin, quotaSize });
  return { context, page, problems };
}

/**
 * Fills what is left of the origin's quota with incompressible bytes in a database of its own, in ever smaller
 * pieces, until not even 64 bytes fit. Returns the bytes written.
 */
async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('filler', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('junk', { autoIncrement: true });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const put = (bytes: number) =>
      new Promise<boolean>((resolve) => {
        const tx = db.transaction('junk', 'readwrite');
        tx.objectStore('junk').add(crypto.getRandomValues(new Uint8Array(bytes)));
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
    let written = 0;
    for (const size of [16384, 4096, 1024, 256, 64]) while (await put(size)) written += size;
    db.close();
    return written;
  });
}

test('storage full: a plan can still be deleted (after confirming) and kept by its Undo; backups are listed with sizes and deleted', async ({
  baseURL,
}) => {
  const { context, page, problems } = await smallQuota(baseURL!, 60_000);
  try {
    // At the current format: a migration at start-up would take a backup, and then no periodic one would be due.
    const fx = fixture(DATA_FORMAT);
    fx.data.backups = fx.data.backups!.slice(0, 2);
    await seed(page, fx);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Plans' }).click();
    await expect(page.getByRole('button', { name: 'Delete Batch analytics' })).toBeVisible();
    expect(await fillStorage(page)).toBeGreaterThan(0);

    // The delete's backup has no room: nothing is deleted until the user says so.
    await page.getByRole('button', { name: 'Delete Batch analytics' }).click();
    const ask = page.getByRole('alert').filter({ hasText: 'no room for a backup' });
    await expect(ask).toBeVisible();
    await shot(page, 'delete-no-room-for-backup', { keepNotices: true });
    await expect(page.getByRole('button', { name: 'Delete Batch analytics' })).toBeVisible();
    await ask.getByRole('button', { name: 'Delete without backup' }).click();
    const deleted = page
      .getByRole('status')
      .filter({ hasText: 'Deleted “Batch analytics” without a backup.' });
    await expect(deleted).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete Batch analytics' })).toBeHidden();
    // Undo: the row goes back where the delete made room; Chromium releases a deleted row's space only when its
    // storage compacts (not within this test), so here Undo offers the plan as a file instead. Either way it is kept.
    await deleted.getByRole('button', { name: 'Undo' }).click();
    const outcome = page
      .locator('.notices')
      .getByText(/Restored “Batch analytics”\.|Could not put “Batch analytics” back/);
    await expect(outcome).toBeVisible();
    if ((await outcome.textContent())?.startsWith('Restored')) {
      await expect(page.getByRole('button', { name: 'Delete Batch analytics' })).toBeVisible();
    } else {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save it as a file' }).click();
      const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { name: string };
      expect(file.name).toBe('Batch analytics');
    }

    // Still full: a backup cannot be made, but backups are listed with their sizes and can be deleted.
    await openData(page);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Storage is full' })).toBeVisible();
    const rows = page.getByTestId('backups').getByRole('row');
    await expect(rows).toHaveCount(3); // the header and the fixture's two backups
    await expect(rows.nth(1)).toContainText(/\d+(\.\d)? (KB|bytes)/);
    const dialog = page.getByRole('dialog', { name: 'Delete this backup?' });
    // Cancel (or Esc) deletes nothing.
    await rows
      .nth(1)
      .getByRole('button', { name: /^Delete the backup from / })
      .click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shot(page, 'delete-backup-dialog', { keepNotices: true });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(rows).toHaveCount(3);
    for (const left of [2, 0]) {
      await rows
        .nth(1)
        .getByRole('button', { name: /^Delete the backup from / })
        .click();
      await dialog.getByRole('button', { name: 'Delete backup' }).click();
      await expect(
        page.getByRole('status').filter({ hasText: /^Backup deleted \(about \d+(\.\d)? (KB|bytes)\)\.$/ }),
      ).toBeVisible();
      await expect(rows).toHaveCount(left);
    }
    await expect(page.getByText('No backups yet.')).toBeVisible();
    // The deletes were committed, not only shown.
    await page.reload();
    await openData(page);
    await expect(page.getByText('No backups yet.')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a stored plan with an impossible date is quarantined and the Plans list still renders', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const fx = fixture(2);
  const plans = fx.data.plans as { name: string; updatedAt: number }[];
  plans[1] = { ...plans[1]!, updatedAt: 1e308 };
  await seed(page, fx);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plans' }).click();
  await expect(page.getByRole('button', { name: `Open ${plans[0]!.name}`, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Open ${plans[1]!.name}`, exact: true })).toBeHidden();
  await openData(page);
  await expect(page.getByTestId('quarantine')).toContainText(plans[1]!.name);
  await expect(page.getByTestId('quarantine')).toContainText('updatedAt');
  expect(problems).toEqual([]);
});

test('another window upgrading the database: this one asks for a reload instead of crashing', async ({
  page,
  context,
}) => {
  await seed(page, fixture(2));
  await page.goto('/');
  await openData(page);
  const other = await context.newPage();
  await other.route('**/__other', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>other</title></html>',
    }),
  );
  await other.goto('/__other');
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('headroom', 990);
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      }),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Reload to update' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
  await other.close();
});

test('import a traffic curve from a CloudWatch export: report, preview, apply', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /^Curve & details of / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Import from monitoring CSV…' }).click();
  const panel = page.getByTestId('traffic-import');
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Choose CSV file…' }).click();
  await (
    await chooser
  ).setFiles(new URL('../src/traffic/fixtures/cloudwatch-alb-requestcount.csv', import.meta.url).pathname);
  // The count column and "count per interval" are picked from the header.
  await expect(panel.getByLabel('Value column')).toHaveValue('orders-alb RequestCount (Sum)');
  await expect(panel.getByLabel('a count of requests per interval')).toBeChecked();
  const report = page.getByTestId('traffic-report');
  await expect(report).toContainText('samples every 5 min');
  await expect(report).toContainText('1 gap');
  await expect(report).toContainText('3 rows had no value');
  // The preview's data table: with a week profile, Monday 19:00 is the weekday peak of the export (110 rps).
  await panel.getByText('Show data').click();
  const hours = (await panel.getByRole('row').count()) - 1;
  expect([24, 168]).toContain(hours);
  const peakRow = panel
    .getByRole('row', { name: hours === 168 ? 'Mon 19:00' : '19:00', exact: false })
    .first();
  await expect(peakRow).toContainText('110');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toBeHidden();
  await expect(page.locator('td[data-hour="19"] input')).toHaveValue(/^110(\.0+)?$/);

  // A file that cannot be used: located problems, Apply stays off.
  await page.getByRole('button', { name: 'Import from monitoring CSV…' }).click();
  const chooser2 = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Choose CSV file…' }).click();
  await (
    await chooser2
  ).setFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('time,rps\n2026-11-02T00:00:00Z,5\n2026-11-02T01:00:00Z,12 req/s\n'),
  });
  await expect(page.getByTestId('traffic-issues')).toContainText('line 3, column “rps”');
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();
});

test('the data screen and the traffic import panel have no axe violations', async ({ page }) => {
  await seed(page, fixture(2)); // with a quarantined row and backups, so every part of the screen shows
  await page.goto('/');
  await openData(page);
  await expect(page.getByTestId('quarantine')).toBeVisible();
  const data = await new AxeBuilder({ page }).include('[data-testid="data-settings"]').analyze();
  expect(data.violations).toEqual([]);
  // With an undo offered (after restoring a backup), and with the delete confirmation open.
  await page
    .getByTestId('backups')
    .getByRole('button', { name: /^Restore the backup from / })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Replace all your data?' })).toBeVisible();
  const asking = await new AxeBuilder({ page }).include('[data-testid="data-settings"]').analyze();
  expect(asking.violations).toEqual([]);
  await confirmRestore(page, /the backup from/);
  await openData(page);
  await expect(page.getByTestId('undo-restore')).toBeVisible();
  await page
    .getByTestId('backups')
    .getByRole('button', { name: /^Delete the backup from / })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Delete this backup?' })).toContainText(
    '“Undo restore” needs',
  );
  const withUndo = await new AxeBuilder({ page }).include('[data-testid="data-settings"]').analyze();
  expect(withUndo.violations).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Dismiss undo' }).click();
  await expect(page.getByTestId('undo-restore')).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Plans' }).click();
  await page.getByText('Food delivery', { exact: true }).first().click();
  await page
    .getByRole('button', { name: /^Curve & details of / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Import from monitoring CSV…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose CSV file…' }).click();
  await (
    await chooser
  ).setFiles(new URL('../src/traffic/fixtures/datadog-trace-hits.csv', import.meta.url).pathname);
  await expect(page.getByTestId('traffic-report')).toContainText('repeated timestamp');
  const panel = await new AxeBuilder({ page }).include('[data-testid="traffic-import"]').analyze();
  expect(panel.violations).toEqual([]);
});

test('Restore asks before replacing anything: Cancel (the default) keeps every plan', async ({ page }) => {
  await seed(page, fixture(2));
  await page.goto('/');
  await openData(page);
  const plansBefore = fixture(2).data.plans.length;
  const backups = page.getByTestId('backups');
  const rowsBefore = await backups.getByRole('row').count();
  const restore = backups.getByRole('button', { name: /^Restore the backup from / }).first();
  await restore.click();
  const dialog = page.getByRole('dialog', { name: 'Replace all your data?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(new RegExp(`Your ${plansBefore} plans?, with their scenarios`));
  await expect(dialog).toContainText(/will be replaced by the backup from .* \(\d+ plans?\)/);
  await expect(dialog).toContainText('What is here now is backed up first, so you can undo the restore');
  // Cancel comes first and has focus: Enter or Esc keeps everything.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'M-restore-confirm-1024', { keepNotices: true });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(backups.getByRole('row')).toHaveCount(rowsBefore);
  await expect(page.getByTestId('undo-restore')).toBeHidden();
  // From a file as well: the file is chosen, then the question, and Cancel changes nothing.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from file…' }).click();
  await (
    await chooser
  ).setFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
  await expect(dialog).toContainText('the contents of “other.json”');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('restore-issues')).toBeHidden();
  await expect(backups.getByRole('row')).toHaveCount(rowsBefore);
});

test('a new profile keeps no backup of nothing: the first automatic backup holds the plan', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true })).toBeVisible();
  await openData(page);
  // The example plan was the first write: a backup before it would have held 0 plans.
  await expect(page.getByText('No backups yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  const rows = page.getByTestId('backups').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Made by you');
  await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('1');
});
