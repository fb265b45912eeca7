// Every earlier schema version, seeded from its frozen fixture, opens with the current app with every plan intact;
// a failure injected into any upgrade step leaves the old database exactly as it was.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { openStore, type StoreOptions } from './index.ts';
import { DATA_FORMAT, SCHEMA_VERSIONS, storesAt, type SchemaVersion } from './schema.ts';
import { evaluate } from '../model/index.ts';
import { parsePlan } from '../plan/index.ts';
import { applyChanges } from '../plan/scenario.ts';
import { upgradePlanDocument } from '../plan/upgrade.ts';
import { upgradeRecord } from './records.ts';
import { freshIdb } from './test-helpers.ts';
import type { PlanRecord } from './types.ts';

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]>;
}

const fixtureDir = new URL('./fixtures/', import.meta.url);
const fixtures: Fixture[] = readdirSync(fixtureDir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(new URL(f, fixtureDir), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);

function dexieFor(o: StoreOptions): Dexie {
  return new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
}

/** The app's validation: the plan schema (src/plan), so a fixture plan the app would quarantine fails here. */
function validatePlan(doc: unknown) {
  const r = parsePlan(doc);
  return r.ok ? [] : r.issues;
}

async function seed(fx: Fixture): Promise<StoreOptions> {
  const o: StoreOptions = { name: `migrate-v${fx.version}`, validate: validatePlan, ...freshIdb() };
  const db = dexieFor(o);
  db.version(fx.version).stores(fx.stores);
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, rows] of Object.entries(fx.data)) await db.table(table).bulkAdd(rows);
  });
  db.close();
  return o;
}

/** Every table's rows and the raw IndexedDB version, without upgrading anything. */
async function snapshot(o: StoreOptions): Promise<{ idbVersion: number; tables: string }> {
  const db = dexieFor(o); // no version declared: Dexie opens whatever is there, as it is
  await db.open();
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  const idbVersion = db.backendDB().version;
  db.close();
  return { idbVersion, tables: JSON.stringify(out) };
}

describe('frozen fixtures', () => {
  it('exist for every schema version and match its declared stores', () => {
    expect(fixtures.map((f) => f.version)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
    for (const fx of fixtures) expect(fx.stores).toEqual(storesAt(fx.version));
  });

  it('the latest schema version is the data format this build writes', () => {
    expect(SCHEMA_VERSIONS.at(-1)?.version).toBe(DATA_FORMAT);
  });
});

/**
 * The plans a fixture's database holds once opened by this build: as stored, except what later migrations change on
 * purpose. Format 3: a snapshot scenario (no recorded changes) becomes a plan of its own with a note naming its base.
 * Format 4: plan documents of version 1 become version 2 (the figures are checked separately, below).
 */
function expectedPlans(fx: Fixture): PlanRecord[] {
  const detached = detachedPlans(fx);
  return fx.version >= 4 ? detached : detached.map(upgradeRecord);
}

function detachedPlans(fx: Fixture): PlanRecord[] {
  const rows = fx.data.plans as PlanRecord[];
  if (fx.version >= 3) return rows;
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map((r) =>
    r.kind === 'scenario'
      ? {
          ...r,
          kind: 'plan',
          baseId: null,
          note:
            `Detached from “${names.get(r.baseId!)}” when scenarios began to record their changes: it was a copy ` +
            'made before, so it does not follow that plan.',
        }
      : r,
  );
}

describe.each(fixtures)('a database at schema version $version', (fx) => {
  it('opens with the current app with every plan and setting intact', async () => {
    const o = await seed(fx);
    const t0 = Date.UTC(2026, 10, 22, 9);
    const store = await openStore({ ...o, now: () => t0 });
    expect(store.status()).toEqual({ readOnly: false, message: null });
    const byId = (rows: PlanRecord[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await store.listPlans())).toEqual(byId(expectedPlans(fx)));
    for (const s of fx.data.settings as { key: string; value: unknown }[]) {
      expect(await store.getSetting(s.key)).toEqual(s.value);
    }
    // Nothing was quarantined by the upgrade; what was quarantined before is still there.
    expect((await store.listQuarantine()).map((q) => q.id)).toEqual(
      ((fx.data.quarantine ?? []) as { id: number }[]).map((q) => q.id),
    );
    // Format 5: the custom catalogs, as stored (none before: the table is new and empty).
    expect(await store.listCatalogs()).toEqual(fx.data.catalogs ?? []);
    const backups = await store.listBackups();
    for (const b of (fx.data.backups ?? []) as { id: number }[])
      expect(backups.map((x) => x.id)).toContain(b.id);
    if (fx.version < DATA_FORMAT) {
      // A migration ran: it backed up the data as it was first.
      const migration = backups.find((b) => b.reason === 'migration' && b.createdAt === t0);
      expect(migration?.planCount).toBe(fx.data.plans!.length);
    }
    store.close();
    const after = await snapshot(o);
    expect(after.idbVersion).toBe(DATA_FORMAT * 10);
    expect(JSON.parse(after.tables).meta).toEqual([{ key: 'format', value: DATA_FORMAT }]);
  });

  it('keeps its scenarios as scenarios only where they record their changes (format 3)', async () => {
    const store = await openStore(await seed(fx));
    const plans = await store.listPlans();
    for (const p of plans) {
      if (p.kind === 'scenario') expect(Array.isArray(p.changes)).toBe(true);
      else expect(p.changes).toBeUndefined();
    }
    // Every fixture from format 2 on has a scenario: before format 3 it is a snapshot, detached with its name kept.
    const before = (fx.data.plans as PlanRecord[]).filter((p) => p.kind === 'scenario');
    for (const old of before) {
      const now = plans.find((p) => p.id === old.id)!;
      expect(now.name).toBe(old.name);
      expect(now.document).toEqual(upgradePlanDocument(old.document));
      if (fx.version < 3)
        expect([now.kind, now.baseId, now.note]).toEqual([
          'plan',
          null,
          expect.stringMatching(/^Detached from “/),
        ]);
      else if (fx.version >= 4) expect(now).toEqual(old);
    }
    if (fx.version < 3) {
      // The backup the migration took holds the snapshots as they were; restoring it detaches them the same way.
      const backup = (await store.listBackups()).find((b) => b.reason === 'migration');
      await store.restoreBackup(backup!.id);
      const restored = await store.listPlans();
      for (const old of before) {
        expect(restored.find((p) => p.id === old.id)).toMatchObject({
          kind: 'plan',
          baseId: null,
          name: old.name,
        });
      }
    }
    store.close();
  });

  it('gives every plan and scenario the same figures after the upgrade, to the cent (format 4: plan version 2)', async () => {
    const store = await openStore(await seed(fx));
    const after = new Map((await store.listPlans()).map((p) => [p.id, p]));
    const before = fx.data.plans as PlanRecord[];
    /** Every strategy's total and every line item's cost, in cents. */
    const figures = (doc: unknown) => {
      const r = parsePlan(doc);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return evaluate(r.plan).strategies.map((s) => ({
        id: s.id,
        total: Math.round(s.monthlyCost * 100),
        lines: s.lineItems.map((l) => Math.round(l.cost * 100)),
      }));
    };
    let evaluated = 0;
    for (const old of before) {
      const now = after.get(old.id)!;
      expect((now.document as { version: number }).version).toBe(2);
      expect(figures(now.document), old.name).toEqual(figures(old.document));
      evaluated += 1;
      // A scenario's recorded changes, applied to its migrated base, still give its figures.
      if (old.kind === 'scenario' && Array.isArray(old.changes) && now.changes) {
        const oldBase = before.find((b) => b.id === old.baseId)!.document;
        const newBase = after.get(old.baseId!)!.document;
        expect(figures(applyChanges(newBase, now.changes).doc), `${old.name} re-applied`).toEqual(
          figures(applyChanges(oldBase, old.changes).doc),
        );
      }
    }
    expect(evaluated).toBe(before.length);
    store.close();
  });

  const later = SCHEMA_VERSIONS.filter((v) => v.version > fx.version);
  it.each(later.map((v) => v.version))(
    'a failure injected into upgrade step %i leaves it untouched',
    async (step) => {
      const o = await seed(fx);
      const before = await snapshot(o);
      const sabotaged: SchemaVersion[] = SCHEMA_VERSIONS.map((v) =>
        v.version !== step
          ? v
          : {
              ...v,
              upgrade: async (tx, ctx) => {
                await v.upgrade?.(tx, ctx); // do the step's real work, then fail at its end
                await tx.table('plans').put({ id: 'half-written' });
                throw new Error(`injected failure in step ${step}`);
              },
            },
      );
      await expect(openStore({ ...o, schemaVersions: sabotaged })).rejects.toThrow(/nothing was changed/);
      expect(await snapshot(o)).toEqual(before);
      // And the real upgrade still works afterwards.
      const store = await openStore(o);
      expect((await store.listPlans()).length).toBe(fx.data.plans!.length);
      store.close();
    },
  );
});
