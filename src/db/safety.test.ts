import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  openStore,
  PERIODIC_BACKUP_MS,
  StoreError,
  requestPersistence,
  parseExport,
  type StoreOptions,
} from './index.ts';
import { backupsToPrune, RETENTION } from './retention.ts';
import { failNthMutation, freshIdb, quotaError, record, testValidate } from './test-helpers.ts';
import type { PlanRecord } from './types.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function opts(extra: Partial<StoreOptions> = {}): StoreOptions {
  return { name: 'headroom-safety', validate: testValidate, ...freshIdb(), ...extra };
}

async function dump(o: StoreOptions): Promise<string> {
  const db = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
  await db.open();
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  db.close();
  return JSON.stringify(out);
}

describe('backup retention', () => {
  it('keeps the 10 newest of today and the newest of each of 10 earlier days', () => {
    const backups: { id: number; createdAt: number }[] = [];
    let id = 1;
    for (let d = 0; d < 15; d++)
      for (let h = 0; h < 3; h++) backups.push({ id: id++, createdAt: T0 - d * DAY - h * 3600_000 });
    for (let m = 1; m <= 12; m++) backups.push({ id: id++, createdAt: T0 + m * 60_000 });
    const prune = new Set(backupsToPrune(backups, T0 + DAY / 2));
    const kept = backups.filter((b) => !prune.has(b.id));
    const today = kept.filter((b) => b.createdAt >= Date.UTC(2026, 10, 22));
    expect(today).toHaveLength(RETENTION.sameDay);
    // Today's kept ones are the newest.
    expect(Math.min(...today.map((b) => b.createdAt))).toBe(T0 - 0 * DAY + 3 * 60_000);
    const earlier = kept.filter((b) => b.createdAt < Date.UTC(2026, 10, 22));
    expect(earlier).toHaveLength(RETENTION.earlierDays);
    const days = earlier.map((b) => Math.floor(b.createdAt / DAY));
    expect(new Set(days).size).toBe(days.length);
    // The newest of each earlier day is the one kept.
    for (const b of earlier) {
      const sameDay = backups.filter((x) => Math.floor(x.createdAt / DAY) === Math.floor(b.createdAt / DAY));
      expect(b.createdAt).toBe(Math.max(...sameDay.map((x) => x.createdAt)));
    }
  });
});

describe('automatic backups', () => {
  it('are taken periodically while edits happen, before the edit', async () => {
    const c = clock();
    const store = await openStore(opts({ now: c.now }));
    await store.putPlan(record('a', 'First'));
    expect(await store.listBackups()).toHaveLength(1); // the first edit: a backup of the empty database
    c.advance(60_000);
    await store.putPlan({ ...record('a', 'Second'), revision: 1 });
    expect(await store.listBackups()).toHaveLength(1); // too soon for another
    c.advance(PERIODIC_BACKUP_MS);
    await store.putPlan({ ...record('a', 'Third'), revision: 2 });
    const backups = await store.listBackups();
    expect(backups.map((b) => [b.reason, b.planCount])).toEqual([
      ['periodic', 1],
      ['periodic', 0],
    ]);
    // The newest backup holds the data as it was before the third edit.
    await store.restoreBackup(backups[0]!.id);
    expect((await store.getPlan('a'))?.name).toBe('Second');
    store.close();
  });

  it('are taken before an import, in the same transaction', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.putPlan(record('a'));
    await store.importPlans([record('b'), record('c')]);
    const [newest] = await store.listBackups();
    expect(newest).toMatchObject({ reason: 'import', planCount: 1 });
    // A failed import leaves neither the rows nor its backup behind.
    store.close();
    const before = await dump(o);
    const failing = await openStore({ ...o, middleware: [failNthMutation('plans', 1, quotaError)] });
    const err = await failing.importPlans([record('d'), record('e'), record('f')]).catch((e: unknown) => e);
    expect((err as StoreError).kind).toBe('quota');
    failing.close();
    expect(await dump(o)).toBe(before);
  });

  it('keep at most the retention number after many days of editing', async () => {
    const c = clock();
    const store = await openStore(opts({ now: c.now }));
    for (let i = 0; i < 40 * 24; i++) {
      await store.putPlan({ ...record('a', `edit ${i}`), revision: i });
      c.advance(3600_000);
    }
    const backups = await store.listBackups();
    expect(backups.length).toBeLessThanOrEqual(RETENTION.sameDay + RETENTION.earlierDays);
    expect(backups.length).toBeGreaterThan(RETENTION.sameDay);
    store.close();
  });
});

describe('export all and restore', () => {
  it('round-trips every plan, scenario and setting, and the restore can be undone', async () => {
    const source = await openStore(opts());
    await source.putPlans([record('a'), { ...record('s'), kind: 'scenario', baseId: 'a' }]);
    await source.setSetting('ui', { theme: 'dark' });
    const exported = await source.exportAll();
    source.close();

    const target = await openStore(opts({ name: 'other' }));
    await target.putPlan(record('mine', 'Mine'));
    const result = await target.restoreFromExport(exported);
    expect(result).toMatchObject({ ok: true, plans: 2 });
    expect((await target.listPlans()).map((p) => p.id).sort()).toEqual(['a', 's']);
    expect(await target.getSetting('ui')).toEqual({ theme: 'dark' });
    // Everything comes back as it was, but for the revisions: a restore raises them (index.test.ts, revisions).
    expect(JSON.parse(await target.exportAll()).plans).toEqual(
      (JSON.parse(exported) as { plans: PlanRecord[] }).plans.map((p) => ({
        ...p,
        revision: (p.revision ?? 0) + 1,
      })),
    );

    if (!result.ok) throw new Error('unreachable');
    await target.restoreBackup(result.undoBackupId); // undo
    expect((await target.listPlans()).map((p) => p.id)).toEqual(['mine']);
    expect(await target.getSetting('ui')).toBeUndefined();
    target.close();
  });

  it('refuses an invalid file with located issues and changes nothing', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.putPlan(record('a'));
    const before = await dump(o);
    const good = JSON.parse(await store.exportAll()) as { plans: { document: { services: unknown[] } }[] };
    const bad = structuredClone(good);
    bad.plans.push(structuredClone(bad.plans[0]!));
    (bad.plans[1]!.document.services[0] as { trafficRps: unknown[] }).trafficRps[5] = 'lots';
    const result = await store.restoreFromExport(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.issues).toContainEqual({
      path: 'plans[1].document.services[0].trafficRps[5]',
      message: 'must be a number ≥ 0',
    });
    expect(result.issues).toContainEqual({ path: 'plans[1].id', message: 'repeats the id "a"' });
    for (const text of ['', 'not json', '[]', '{"kind":"headroom-data","version":99}', 'null']) {
      const r = await store.restoreFromExport(text);
      expect(r.ok).toBe(false);
    }
    expect(await dump(o)).toBe(before);
    store.close();
  });

  it('a restore that fails part-way leaves everything as it was', async () => {
    const o = opts();
    const seed = await openStore(o);
    await seed.putPlans([record('a'), record('b')]);
    const exported = (await seed.exportAll()).replace(/"Plan a"/g, '"Plan A2"');
    seed.close();
    const before = await dump(o);
    // The restore clears then writes rows: fail at its second plan write.
    const store = await openStore({ ...o, middleware: [failNthMutation('plans', 2, quotaError)] });
    await expect(store.restoreFromExport(exported)).rejects.toBeInstanceOf(StoreError);
    store.close();
    expect(await dump(o)).toBe(before);
  });

  it('parseExport refuses files above the size limit without parsing them', () => {
    const r = parseExport('x'.repeat(64 * 1024 * 1024 + 1), testValidate);
    expect(r.ok).toBe(false);
  });
});

describe('quarantine at start-up', () => {
  it('moves rows that fail validation aside, whole, with their reasons; never drops them', async () => {
    const o = opts();
    const raw = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    (await openStore(o)).close();
    await raw.open();
    const broken = { ...record('broken', 'Broken'), document: { name: 'Broken', services: 'oops' } };
    await raw.table('plans').bulkPut([record('ok'), broken, { id: 'junk' }]);
    raw.close();

    const store = await openStore(o);
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['ok']);
    const q = await store.listQuarantine();
    expect(q.map((x) => x.label).sort()).toEqual(['(no name) (junk)', 'Broken (broken)']);
    expect(q.find((x) => x.label.startsWith('Broken'))?.issues).toEqual([
      { path: 'document.services', message: 'must be a list' },
    ]);
    const exported = JSON.parse(await store.exportQuarantine()) as { rows: { row: unknown }[] };
    expect(exported.rows.map((r) => r.row)).toContainEqual(broken);
    store.close();
    // Opening again changes nothing more.
    const again = await openStore(o);
    expect(await again.listQuarantine()).toHaveLength(2);
    again.close();
  });
});

describe('persistent storage', () => {
  it('requests persistence and reports the state', async () => {
    let asked = 0;
    const granted = await requestPersistence({
      persisted: async () => false,
      persist: async () => (asked++, true),
      estimate: async () => ({ usage: 1234, quota: 1e9 }),
    });
    expect(granted).toEqual({ state: 'persisted', usage: 1234, quota: 1e9 });
    expect(asked).toBe(1);
    const denied = await requestPersistence({ persisted: async () => false, persist: async () => false });
    expect(denied.state).toBe('not-persisted');
    const already = await requestPersistence({
      persisted: async () => true,
      persist: async () => {
        throw new Error('should not ask again');
      },
    });
    expect(already.state).toBe('persisted');
    expect((await requestPersistence(undefined)).state).toBe('unsupported');
    const throws = await requestPersistence({
      persist: async () => {
        throw new Error('denied');
      },
    });
    expect(throws.state).toBe('not-persisted');
  });
});
