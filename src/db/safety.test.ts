import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import fc from 'fast-check';
import {
  openStore,
  MESSAGES,
  PERIODIC_BACKUP_MS,
  StoreError,
  requestPersistence,
  parseExport,
  recordIssues,
  type BackupReason,
  type DataStore,
  type StoreOptions,
  SCHEMA_VERSIONS,
} from './index.ts';
import { backupsToPrune, RETENTION } from './retention.ts';
import { failNthMutation, freshIdb, quotaError, record, storageFull, testValidate } from './test-helpers.ts';
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

describe('backup retention keeps what an undo or a risky operation needs', () => {
  const REASONS: BackupReason[] = ['migration', 'import', 'restore', 'periodic', 'manual'];
  const held = (b: { createdAt: number; reason: BackupReason; pinned: boolean }, now: number) =>
    b.pinned || (['migration', 'import', 'restore'].includes(b.reason) && now - b.createdAt < DAY);

  it('never prunes nor counts a pinned backup, or one before a restore, import or migration younger than a day', () => {
    const now = T0 + DAY / 4;
    const pinned = { id: 1, createdAt: T0 - 3 * DAY, reason: 'restore' as const, pinned: true };
    const young = { id: 2, createdAt: now - DAY + 60_000, reason: 'import' as const, pinned: false };
    // A day old: counted again, as the newest (and only) backup of its day.
    const old = { id: 3, createdAt: T0 - DAY - 60_000, reason: 'migration' as const, pinned: false };
    const periodic = Array.from({ length: 12 }, (_, i) => ({
      id: 10 + i,
      createdAt: T0 + (i + 1) * 60_000,
      reason: 'periodic' as const,
      pinned: false,
    }));
    const prune = backupsToPrune([pinned, young, old, ...periodic], now);
    // Today's 10 slots go to the 10 newest periodic ones; the held two are kept besides them.
    expect(prune.sort((a, b) => a - b)).toEqual([10, 11]);
    // Unpinned and more than a day old, the restore backup is one more of the earlier days.
    expect(backupsToPrune([{ ...pinned, pinned: false }, old], now)).toEqual([]);
    expect(
      backupsToPrune(
        [
          { ...pinned, pinned: false },
          { ...old, createdAt: T0 - 3 * DAY + 1 },
        ],
        now,
      ),
    ).toEqual([1]);
  });

  it('property: held backups are never pruned, and the rest are pruned as if the held ones were not there', () => {
    const backup = fc.record({
      createdAt: fc.integer({ min: T0 - 30 * DAY, max: T0 + DAY }),
      reason: fc.constantFrom(...REASONS),
      pinned: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(backup, { maxLength: 60 }),
        fc.integer({ min: T0, max: T0 + 2 * DAY }),
        (list, now) => {
          const backups = list.map((b, i) => ({ ...b, id: i + 1 }));
          const prune = new Set(backupsToPrune(backups, now));
          const rest = backups.filter((b) => !held(b, now));
          for (const b of backups) if (held(b, now)) expect(prune.has(b.id)).toBe(false);
          expect([...prune].sort((a, b) => a - b)).toEqual(backupsToPrune(rest, now).sort((a, b) => a - b));
          expect(rest.length - prune.size).toBeLessThanOrEqual(RETENTION.sameDay + RETENTION.earlierDays);
        },
      ),
      { numRuns: 500 },
    );
  });

  /** An edit as the app makes it: based on the stored revision (a stale one is refused, see index.test.ts). */
  async function save(store: DataStore, rec: PlanRecord): Promise<void> {
    const stored = await store.getPlan(rec.id);
    await store.putPlan({ ...rec, revision: stored?.revision ?? 0 });
  }

  async function restoredStore(c: ReturnType<typeof clock>): Promise<{ store: DataStore; undoId: number }> {
    const store = await openStore(opts({ now: c.now }));
    // A morning of editing first: today's backups already fill the retention's 10 slots.
    for (let i = 0; i < 12; i++) {
      await save(store, record('a', `morning ${i}`));
      c.advance(PERIODIC_BACKUP_MS);
    }
    const other = await openStore(opts({ name: 'other' }));
    await other.putPlan(record('z'));
    const result = await store.restoreFromExport(await other.exportAll());
    other.close();
    if (!result.ok) throw new Error('the restore was refused');
    // About two hours of editing after the restore: 12 periodic backups.
    for (let i = 0; i < 12; i++) {
      c.advance(PERIODIC_BACKUP_MS);
      await save(store, record('z', `after ${i}`));
    }
    return { store, undoId: result.undoBackupId };
  }

  it('the backup taken before a restore survives two hours of editing, so Undo restore still works', async () => {
    const c = clock();
    const { store, undoId } = await restoredStore(c);
    const backups = await store.listBackups();
    expect(backups.find((b) => b.id === undoId)).toMatchObject({ reason: 'restore', pinned: true });
    expect(backups.filter((b) => b.reason === 'periodic')).toHaveLength(RETENTION.sameDay);
    await store.restoreBackup(undoId, { offerUndo: false });
    expect((await store.listPlans()).map((p) => [p.id, p.name])).toEqual([['a', 'morning 11']]);
    store.close();
  });

  it('once the undo is dismissed and a day has passed, that backup is pruned like any other', async () => {
    const c = clock();
    const { store, undoId } = await restoredStore(c);
    const has = async () => (await store.listBackups()).some((b) => b.id === undoId);
    // A day later, still offered as an undo: kept.
    c.advance(DAY + PERIODIC_BACKUP_MS);
    await save(store, record('z', 'next day'));
    expect(await has()).toBe(true);
    await store.unpinBackup(undoId);
    expect((await store.listBackups()).find((b) => b.id === undoId)?.pinned).toBe(false);
    c.advance(PERIODIC_BACKUP_MS);
    await save(store, record('z', 'next day, later'));
    // Its day keeps only its newest backup (one from the editing after the restore).
    expect(await has()).toBe(false);
    store.close();
  });

  it('dismissed within the day, it is still kept until a day has passed', async () => {
    const c = clock();
    const { store, undoId } = await restoredStore(c);
    await store.unpinBackup(undoId);
    c.advance(PERIODIC_BACKUP_MS);
    await save(store, record('z', 'one more'));
    expect((await store.listBackups()).some((b) => b.id === undoId)).toBe(true);
    c.advance(DAY);
    await save(store, record('z', 'a day later'));
    expect((await store.listBackups()).some((b) => b.id === undoId)).toBe(false);
    store.close();
  });

  it('only the latest restore is offered for undo: a new restore or using the undo unpins the older one', async () => {
    const c = clock();
    const { store, undoId } = await restoredStore(c);
    const second = await store.restoreBackup(undoId);
    let backups = await store.listBackups();
    expect(backups.filter((b) => b.pinned).map((b) => b.id)).toEqual([second]);
    const third = await store.restoreBackup(second, { offerUndo: false });
    backups = await store.listBackups();
    expect(backups.filter((b) => b.pinned)).toEqual([]);
    expect(backups.find((b) => b.id === third)?.reason).toBe('restore');
    store.close();
  });

  it('the backup before an import is kept for a day even when many periodic backups follow', async () => {
    const c = clock();
    const store = await openStore(opts({ now: c.now }));
    await store.importPlans([record('z')]); // into an empty database: no backup of nothing
    await store.importPlans([record('a')]);
    const [imported] = await store.listBackups();
    expect(imported).toMatchObject({ reason: 'import', planCount: 1 });
    for (let i = 0; i < 15; i++) {
      c.advance(PERIODIC_BACKUP_MS);
      await save(store, record('a', `edit ${i}`));
    }
    expect((await store.listBackups()).some((b) => b.id === imported!.id)).toBe(true);
    expect(imported?.pinned).toBe(false);
    c.advance(DAY);
    await save(store, record('a', 'tomorrow'));
    expect((await store.listBackups()).some((b) => b.id === imported!.id)).toBe(false);
    store.close();
  });
});

describe('storage full: freeing space always works', () => {
  it('an update of the data that does not fit says what can be done while the app cannot open', async () => {
    const o = opts();
    (await openStore(o)).close();
    const failing = [
      ...SCHEMA_VERSIONS,
      {
        version: SCHEMA_VERSIONS.at(-1)!.version + 1,
        stores: {},
        upgrade: async () => {
          throw quotaError();
        },
      },
    ];
    const err = await openStore({ ...o, schemaVersions: failing }).catch((e: unknown) => e);
    expect((err as StoreError).kind).toBe('quota');
    // The Data screen is out of reach before the database opens: no advice that needs it.
    expect((err as StoreError).message).toContain(MESSAGES.quotaOnOpen);
    expect((err as StoreError).message).not.toContain('Data & backups');
  });

  it('a delete with no room for its backup is refused, saying so; without a backup it deletes', async () => {
    let full = false;
    const c = clock();
    const store = await openStore(opts({ now: c.now, middleware: [storageFull(() => full)] }));
    await store.putPlans([record('a'), record('b')]);
    c.advance(PERIODIC_BACKUP_MS); // the next write takes a periodic backup first
    full = true;
    const err = await store.deletePlan('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('quota');
    expect((err as StoreError).message).toBe(MESSAGES.noRoomForBackup);
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['a', 'b']);
    const backupsBefore = await store.listBackups();
    const deleted = await store.deletePlan('a', { backup: false });
    expect(deleted?.id).toBe('a');
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['b']);
    expect(await store.listBackups()).toEqual(backupsBefore);
    store.close();
  });

  it('Undo after a delete puts the plan back without needing room for a backup', async () => {
    let full = false;
    const c = clock();
    // Room for a plan (the delete freed it), none for a full copy of every plan.
    const store = await openStore(opts({ now: c.now, middleware: [storageFull(() => full, ['backups'])] }));
    await store.putPlans([record('a'), record('b')]);
    c.advance(PERIODIC_BACKUP_MS);
    full = true;
    const deleted = await store.deletePlan('a', { backup: false });
    await expect(store.putPlan(deleted!)).rejects.toMatchObject({ kind: 'quota' });
    await store.undeletePlan(deleted!);
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['a', 'b']);
    // It never overwrites: a plan with that id is there again.
    await expect(store.undeletePlan(deleted!)).rejects.toBeInstanceOf(StoreError);
    await expect(store.undeletePlan({ ...deleted!, id: 'c', updatedAt: NaN })).rejects.toMatchObject({
      kind: 'invalid',
    });
    store.close();
  });

  it('backups are listed with their sizes and can be deleted one by one, also with storage full', async () => {
    let full = false;
    const store = await openStore(opts({ middleware: [storageFull(() => full)] }));
    await store.backupNow(); // empty
    await store.putPlans([record('a'), record('b')]);
    await store.setSetting('ui', { theme: 'dark', note: 'café ☕ 😀' }); // 2-, 3- and 4-byte UTF-8
    const big = await store.backupNow();
    const backups = await store.listBackups();
    const sizeOf = (id: number) => backups.find((b) => b.id === id)!.bytes;
    const plans = await store.listPlans();
    // The estimate: the backup's plans and settings as UTF-8 JSON.
    expect(sizeOf(big)).toBe(
      new TextEncoder().encode(
        JSON.stringify({ plans, settings: [{ key: 'ui', value: { theme: 'dark', note: 'café ☕ 😀' } }] }),
      ).length,
    );
    expect(Math.min(...backups.map((b) => b.bytes))).toBeGreaterThan(0);
    full = true;
    await store.deleteBackup(big);
    expect((await store.listBackups()).map((b) => b.id)).not.toContain(big);
    expect(await store.listBackups()).toHaveLength(backups.length - 1);
    await store.deleteBackup(big); // already gone: nothing to do
    store.close();
  });
});

describe('automatic backups', () => {
  it('are taken periodically while edits happen, before the edit', async () => {
    const c = clock();
    const store = await openStore(opts({ now: c.now }));
    await store.putPlan(record('a', 'First'));
    // The first write into an empty database: a backup of it would hold nothing (issue 9 §11), so none is taken.
    expect(await store.listBackups()).toHaveLength(0);
    c.advance(60_000);
    await store.putPlan({ ...record('a', 'Second'), revision: 1 });
    expect(await store.listBackups()).toHaveLength(1); // the first backup with something in it
    c.advance(60_000);
    await store.putPlan({ ...record('a', 'Third'), revision: 2 });
    expect(await store.listBackups()).toHaveLength(1); // too soon for another
    c.advance(PERIODIC_BACKUP_MS);
    await store.putPlan({ ...record('a', 'Fourth'), revision: 3 });
    const backups = await store.listBackups();
    expect(backups.map((b) => [b.reason, b.planCount])).toEqual([
      ['periodic', 1],
      ['periodic', 1],
    ]);
    // The newest backup holds the data as it was before the fourth edit.
    await store.restoreBackup(backups[0]!.id);
    expect((await store.getPlan('a'))?.name).toBe('Third');
    store.close();
  });

  it('never hold nothing: no automatic backup of an empty database, and an old empty one goes with the next backup', async () => {
    const c = clock();
    const o = opts({ now: c.now });
    const store = await openStore(o);
    // An import into an empty database: nothing to go back to.
    await store.importPlans([record('a')]);
    expect(await store.listBackups()).toEqual([]);
    await store.deletePlan('a', { backup: false });
    c.advance(PERIODIC_BACKUP_MS);
    await store.putPlan(record('b'));
    expect(await store.listBackups()).toEqual([]);
    // A database from before this rule may hold an empty periodic backup: the next real one replaces it.
    store.close();
    const db = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    await db.open();
    await db
      .table('backups')
      .add({ createdAt: c.now(), reason: 'periodic', format: 1, planCount: 0, plans: [], settings: [] });
    db.close();
    const again = await openStore(o);
    expect((await again.listBackups()).map((b) => b.planCount)).toEqual([0]);
    c.advance(PERIODIC_BACKUP_MS);
    await again.putPlan({ ...record('b', 'Renamed'), revision: 1 });
    expect((await again.listBackups()).map((b) => [b.reason, b.planCount])).toEqual([['periodic', 1]]);
    // A manual backup and one before a restore are kept even when empty: the user asked, or an undo needs it.
    await again.deletePlan('b', { backup: false });
    await again.backupNow();
    const [manual] = await again.listBackups();
    expect(manual).toMatchObject({ reason: 'manual', planCount: 0 });
    again.close();
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
    await source.putPlans([
      record('a'),
      { ...record('s'), kind: 'scenario', baseId: 'a', changes: [{ kind: 'traffic', factor: 1.5 }] },
    ]);
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

  it('refuses a file with a key given twice, naming its path, like a plan file (issue 8 §8)', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.putPlan(record('a'));
    const before = await dump(o);
    const text = await store.exportAll();
    // The same key twice in the first plan's document: JSON.parse would keep the second silently.
    const twice = text.replace('"name": "Plan a"', '"name": "Plan a",\n      "name": "Plan b"');
    expect(twice).not.toBe(text);
    const result = await store.restoreFromExport(twice);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.issues).toEqual([
      {
        path: expect.stringMatching(/^plans\[0\]\.(document\.)?name$/),
        message: expect.stringMatching(/^appears twice/),
      },
    ]);
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

describe('plan times', () => {
  const at = (ms: unknown) => ({ ...record('a'), createdAt: ms, updatedAt: ms });

  it('must be whole milliseconds from 2000-01-01 to the end of 9999', () => {
    for (const ok of [Date.UTC(2000, 0, 1), T0, Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
      expect(recordIssues(at(ok), testValidate)).toEqual([]);
    }
    for (const bad of [
      1e308,
      NaN,
      Infinity,
      -1,
      0,
      1.5,
      Date.UTC(1999, 11, 31),
      Date.UTC(10000, 0, 1),
      '1',
    ]) {
      expect(recordIssues(at(bad), testValidate).map((i) => i.path)).toEqual(['createdAt', 'updatedAt']);
    }
  });

  it('a restore file with an out-of-range date is refused with its path', async () => {
    const store = await openStore(opts());
    await store.putPlan(record('a'));
    const file = JSON.parse(await store.exportAll()) as { plans: { updatedAt: number }[] };
    file.plans[0]!.updatedAt = 1e308;
    const result = await store.restoreFromExport(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.issues.map((i) => i.path)).toEqual(['plans[0].updatedAt']);
    store.close();
  });

  it('rows already stored with bad dates are quarantined at start-up', async () => {
    const o = opts();
    (await openStore(o)).close();
    const raw = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    await raw.open();
    await raw.table('plans').bulkPut([record('ok'), { ...record('huge'), updatedAt: 1e308 }]);
    raw.close();
    const store = await openStore(o);
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['ok']);
    expect((await store.listQuarantine()).map((q) => [q.label, q.issues.map((i) => i.path)])).toEqual([
      ['Plan huge (huge)', ['updatedAt']],
    ]);
    store.close();
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
