// Custom catalogs (data format 5): validated before every write, held by backups and exports, restored with them.
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { parsePlan } from '../plan/index.ts';
import { openStore, type CatalogRecord, type DataStore } from './index.ts';
import { examplePlanDocument } from '../state/example.ts';
import { freshIdb } from './test-helpers.ts';
import type { PlanRecord } from './types.ts';

/** A stored plan with a real plan document (the store here validates with the plan schema). */
function record(id: string): PlanRecord {
  return {
    id,
    name: `Plan ${id}`,
    kind: 'plan',
    baseId: null,
    document: examplePlanDocument(),
    createdAt: T0,
    updatedAt: T0,
  };
}

const T0 = Date.UTC(2026, 10, 30, 9);

function validatePlan(doc: unknown) {
  const r = parsePlan(doc);
  return r.ok ? [] : r.issues;
}

function catalogRecord(id: string, hourly = 0.05): CatalogRecord {
  const c = bundledCatalog('aws-us-east-1')!;
  return {
    id,
    name: `Custom ${id}`,
    catalog: {
      ...c,
      id: `custom-${id}`,
      instanceTypes: c.instanceTypes.map((t, i) => (i === 0 ? { ...t, hourly } : t)),
    },
    createdAt: T0,
    updatedAt: T0,
  };
}

async function fresh(name: string): Promise<DataStore> {
  return openStore({ name, validate: validatePlan, now: () => T0, ...freshIdb() });
}

describe('custom catalogs in the store', () => {
  it('stores, lists by name and deletes a catalog', async () => {
    const store = await fresh('cat-crud');
    await store.putCatalog(catalogRecord('b'));
    await store.putCatalog({ ...catalogRecord('a'), name: 'A first' });
    expect((await store.listCatalogs()).map((c) => c.id)).toEqual(['a', 'b']);
    await store.deleteCatalog('a');
    expect((await store.listCatalogs()).map((c) => c.id)).toEqual(['b']);
    store.close();
  });

  it('refuses an invalid catalog with the located problem, and writes nothing', async () => {
    const store = await fresh('cat-invalid');
    const bad = catalogRecord('x', -1);
    await expect(store.putCatalog(bad)).rejects.toMatchObject({
      kind: 'invalid',
      issues: [expect.objectContaining({ path: 'catalog.instanceTypes[0].hourly' })],
    });
    expect(await store.listCatalogs()).toEqual([]);
    store.close();
  });

  it('a backup holds the catalogs, and restoring it brings them back', async () => {
    const store = await fresh('cat-backup');
    await store.putPlan(record('p1'));
    await store.putCatalog(catalogRecord('keep', 0.07));
    const id = await store.backupNow();
    await store.deleteCatalog('keep');
    await store.putCatalog(catalogRecord('later'));
    await store.restoreBackup(id);
    expect(
      (await store.listCatalogs()).map((c) => [
        c.id,
        (c.catalog as { instanceTypes: { hourly: number }[] }).instanceTypes[0]!.hourly,
      ]),
    ).toEqual([['keep', 0.07]]);
    store.close();
  });

  it('an export holds the catalogs, and a restore from it brings them back (all or nothing)', async () => {
    const a = await fresh('cat-export-a');
    await a.putPlan(record('p1'));
    await a.putCatalog(catalogRecord('c1'));
    const text = await a.exportAll();
    expect(JSON.parse(text).catalogs).toHaveLength(1);
    const b = await fresh('cat-export-b');
    expect(await b.restoreFromExport(text)).toMatchObject({ ok: true, plans: 1 });
    expect((await b.listCatalogs()).map((c) => c.id)).toEqual(['c1']);
    // A file whose catalog is broken restores nothing, and names the place.
    const broken = JSON.parse(text) as { catalogs: CatalogRecord[] };
    (broken.catalogs[0]!.catalog as { currency: string }).currency = 'dollars';
    const c = await fresh('cat-export-c');
    const r = await c.restoreFromExport(JSON.stringify(broken));
    expect(r).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ path: 'catalogs[0].catalog.currency' })],
    });
    expect(await c.listPlans()).toEqual([]);
    // An export written before catalogs existed restores and leaves the stored catalogs alone.
    const old = JSON.parse(text) as { catalogs?: unknown };
    delete old.catalogs;
    expect(await b.restoreFromExport(JSON.stringify(old))).toMatchObject({ ok: true });
    expect((await b.listCatalogs()).map((x) => x.id)).toEqual(['c1']);
    for (const s of [a, b, c]) s.close();
  });
});
