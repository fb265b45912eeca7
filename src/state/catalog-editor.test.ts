// The catalog editor as the app drives it: edits kept as typed, located problems, save to the store, use in the
// plan (every strategy's figures change), and the price-list import feeding it.
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { fakePlatform, memoryStorage, memoryStore } from './test-support.ts';

async function started() {
  const store = memoryStore();
  const platform = fakePlatform();
  const app = new AppState(store, platform, new EngineClient(() => null), {
    journal: memoryStorage(),
    now: () => Date.UTC(2026, 10, 30),
  });
  await app.init();
  return { app, store, platform };
}

/** Waits until `check` holds (the evaluation is asynchronous). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('CatalogEditor', () => {
  it('opens the plan catalog and keeps an invalid entry as typed, with its problem at the field', async () => {
    const { app } = await started();
    app.showCatalogs();
    expect(app.view).toBe('catalogs');
    const ed = app.catalogEditor;
    expect(ed.draft?.id).toBe('aws-us-east-1');
    ed.setNumber(['instanceTypes', 0, 'hourly'], '0.1x');
    expect(ed.instanceTypes[0]!.hourly).toBe('0.1x');
    expect(ed.issuesAt(['instanceTypes', 0, 'hourly'])).toHaveLength(1);
    ed.setNumber(['serverless', 'requestsPerMillion'], 'abc');
    expect(ed.fields.find((f) => f.path.join('.') === 'serverless.requestsPerMillion')?.value).toBe('abc');
    expect(ed.useInPlan()).toBe(false);
    ed.setNumber(['serverless', 'requestsPerMillion'], '0.25');
    ed.setNumber(['instanceTypes', 0, 'hourly'], '0.5');
    expect(ed.issues).toEqual([]);
  });

  it('using an edited price in the plan changes every strategy that uses it, and is one undo', async () => {
    const { app } = await started();
    await until(() => app.plan.report !== null);
    const before = app.plan.report!.strategies.map((s) => s.monthlyCost);
    app.showCatalogs();
    const ed = app.catalogEditor;
    for (const [i, t] of ed.instanceTypes.entries())
      ed.setNumber(['instanceTypes', i, 'hourly'], String(Number(t.hourly) * 2));
    ed.setNumber(['kubernetes', 'controlPlaneHourly'], '1');
    expect(ed.useInPlan()).toBe(true);
    expect(typeof app.plan.doc!.catalog).toBe('object');
    await until(() => app.plan.report !== null && app.plan.report.strategies[0]!.monthlyCost !== before[0]);
    const after = app.plan.report!.strategies.map((s) => s.monthlyCost);
    // Every strategy that runs on instances costs more; none costs less.
    expect(after.filter((a, i) => a > before[i]!).length).toBeGreaterThanOrEqual(2);
    expect(after.every((a, i) => a >= before[i]!)).toBe(true);
    app.plan.undo();
    expect(app.plan.doc!.catalog).toBe('aws-us-east-1');
  });

  it('saves a custom catalog to the store, reopens it and saves over it', async () => {
    const { app, store } = await started();
    app.showCatalogs();
    const ed = app.catalogEditor;
    ed.setNumber(['nat', 'perGB'], '0.03');
    expect(await ed.save('Negotiated')).toBe(true);
    const rows = await store.listCatalogs();
    expect(rows.map((r) => r.name)).toEqual(['Negotiated']);
    expect(app.catalogs.choices.map((c) => c.label)).toContain('Negotiated');
    ed.openChoice(`custom:${rows[0]!.id}`);
    expect((ed.draft!.nat as { perGB: number }).perGB).toBe(0.03);
    ed.setNumber(['nat', 'perGB'], '0.02');
    expect(await ed.save('Negotiated 2')).toBe(true);
    expect((await store.listCatalogs()).map((r) => [r.id, r.name])).toEqual([[rows[0]!.id, 'Negotiated 2']]);
  });

  it('an invalid catalog is neither saved nor exported, and says why', async () => {
    const { app, store, platform } = await started();
    app.showCatalogs();
    app.catalogEditor.addType();
    expect(await app.catalogEditor.save('Broken')).toBe(false);
    await app.catalogEditor.exportJson();
    expect(await store.listCatalogs()).toEqual([]);
    expect(platform.saved).toEqual([]);
    expect(app.notices.items.at(-1)?.text).toMatch(/problem/);
    app.catalogEditor.removeType(app.catalogEditor.instanceTypes.length - 1);
    await app.catalogEditor.exportJson();
    expect(platform.saved[0]).toMatchObject({
      suggestedName: 'aws-us-east-1.json',
      mimeType: 'application/json',
    });
  });
});

describe('PriceListImporter', () => {
  it('imports a chosen file, shows the summary, saves it, and can be cancelled', async () => {
    const { app, store } = await started();
    const imp = app.priceListImport;
    expect(imp.missing).toMatch(/Choose/);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL('../catalog/import/fixtures/ec2-us-east-1.csv', import.meta.url));
    imp.choose('aws-price-list', new File([new Uint8Array(bytes)], 'ec2.csv'));
    expect(imp.missing).toBeNull();
    await imp.start();
    const s = imp.status;
    if (s.state !== 'done') throw new Error(JSON.stringify(s));
    expect(s.summaries[0]!.kept).toBeGreaterThan(0);
    expect(await imp.save('Imported')).toBe(true);
    expect((await store.listCatalogs()).map((r) => r.name)).toEqual(['Imported']);
    imp.edit();
    expect(app.catalogEditor.source.kind).toBe('import');
    // Cancel: the run's outcome is dropped, the status says cancelled.
    const run = imp.start();
    imp.cancel();
    await run;
    expect(imp.status.state).toBe('cancelled');
  });
});

describe('CatalogLibrary', () => {
  it('deleting a saved catalog offers Undo, which puts it back as it was', async () => {
    const { app } = await started();
    const catalog = structuredClone(app.catalogs.choices[0]!.catalog);
    const id = (await app.catalogs.save('Negotiated', catalog))!;
    const before = app.catalogs.custom.find((c) => c.id === id)!;
    await app.catalogs.remove(id);
    expect(app.catalogs.custom).toEqual([]);
    const notice = app.notices.items.at(-1)!;
    expect(notice.text).toBe('Deleted the catalog “Negotiated”.');
    expect(notice.action?.label).toBe('Undo');
    notice.action!.run();
    await until(() => app.catalogs.custom.length === 1);
    expect(app.catalogs.custom[0]).toEqual(before);
  });
});
