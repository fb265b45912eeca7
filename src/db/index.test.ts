import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  openStore,
  StoreError,
  MESSAGES,
  DATA_FORMAT,
  type ConflictError,
  type StoreOptions,
} from './index.ts';
import { storesAt } from './schema.ts';
import { failNthMutation, freshIdb, quotaError, record, testValidate } from './test-helpers.ts';

function opts(extra: Partial<StoreOptions> = {}): StoreOptions {
  return { name: 'headroom-test', validate: testValidate, ...freshIdb(), ...extra };
}

async function dump(o: StoreOptions): Promise<string> {
  const db = new Dexie(o.name ?? 'headroom', { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
  await db.open();
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  db.close();
  return JSON.stringify(out);
}

async function idbVersion(o: StoreOptions): Promise<number> {
  const db = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
  await db.open();
  const v = db.backendDB().version;
  db.close();
  return v;
}

describe('openStore', () => {
  it('stores, lists, reads, replaces and deletes plans', async () => {
    const store = await openStore(opts());
    expect(store.status()).toEqual({ readOnly: false, message: null });
    await store.putPlan(record('a'));
    await store.putPlan(record('b'));
    await store.putPlan({ ...record('a'), name: 'Renamed', revision: 1 }); // based on the stored revision
    expect((await store.listPlans()).map((p) => [p.id, p.name])).toEqual([
      ['a', 'Renamed'],
      ['b', 'Plan b'],
    ]);
    expect((await store.getPlan('b'))?.document).toEqual(record('b').document);
    const deleted = await store.deletePlan('a');
    expect(deleted?.name).toBe('Renamed');
    expect(await store.deletePlan('a')).toBeUndefined();
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['b']);
    store.close();
  });

  it('keeps settings', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.setSetting('theme', { mode: 'dark' });
    expect(await store.getSetting('missing')).toBeUndefined();
    store.close();
    const again = await openStore(o);
    expect(await again.getSetting('theme')).toEqual({ mode: 'dark' });
    again.close();
  });

  it('refuses an invalid plan with every issue located, and writes nothing', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.putPlan(record('a'));
    const before = await dump(o);
    const bad = record('a');
    (bad.document as { services: { trafficRps: unknown[] }[] }).services[0]!.trafficRps[3] = -1;
    const err = await store.putPlan(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('invalid');
    expect((err as StoreError).message).toContain('document.services[0].trafficRps[3]: must be a number ≥ 0');
    expect((err as StoreError).message).toContain('"Plan a"');
    await expect(store.putPlan({ ...record('x'), id: '' })).rejects.toThrow(/id: must be a non-empty string/);
    await expect(store.putPlan({ ...record('x'), kind: 'other' as 'plan' })).rejects.toThrow(/kind/);
    await expect(store.putPlan({ ...record('x'), updatedAt: NaN })).rejects.toThrow(/updatedAt/);
    expect(await dump(o)).toBe(before);
    store.close();
  });

  it('treats a validator that throws as an invalid document', async () => {
    const store = await openStore(
      opts({
        validate: () => {
          throw new Error('boom');
        },
      }),
    );
    await expect(store.putPlan(record('a'))).rejects.toThrow(/could not be checked: boom/);
    store.close();
  });

  it('writes its data-format marker', async () => {
    const o = opts();
    (await openStore(o)).close();
    const tables = JSON.parse(await dump(o)) as Record<string, unknown[]>;
    expect(tables.meta).toEqual([{ key: 'format', value: DATA_FORMAT }]);
    expect(tables.backups).toEqual([]); // a new database is not a migration
    expect(await idbVersion(o)).toBe(DATA_FORMAT * 10);
  });
});

describe('a database written by a newer Headroom', () => {
  it('opens read-only: reads work, writes reject politely and change nothing', async () => {
    const o = opts();
    const store = await openStore(o);
    await store.putPlan(record('a'));
    await store.setSetting('k', 1);
    store.close();
    // A future Headroom: higher schema version, a table this build does not know, a higher format marker.
    const future = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    // It also dropped a table this build uses: opening here must not bring it back.
    future.version(50).stores({ ...storesAt(DATA_FORMAT), quarantine: null, futureThings: 'id' });
    await future.open();
    await future.table('meta').put({ key: 'format', value: DATA_FORMAT + 7 });
    future.close();
    const before = await dump(o);

    const old = await openStore(o);
    expect(old.status()).toEqual({ readOnly: true, message: MESSAGES.newer });
    expect((await old.listPlans()).map((p) => p.id)).toEqual(['a']);
    expect(await old.getSetting('k')).toBe(1);
    for (const attempt of [
      () => old.putPlan(record('b')),
      () => old.putPlans([record('b')]),
      () => old.deletePlan('a'),
      () => old.setSetting('k', 2),
    ]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).kind).toBe('read-only');
      expect((err as StoreError).message).toBe(MESSAGES.newer);
    }
    expect(await old.listQuarantine()).toEqual([]);
    old.close();
    expect(await dump(o)).toBe(before);
    expect(JSON.parse(before)).not.toHaveProperty('quarantine');
    expect(await idbVersion(o)).toBe(500);
  });

  it('treats a marker it cannot read as newer', async () => {
    const o = opts();
    (await openStore(o)).close();
    const raw = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    await raw.open();
    await raw.table('meta').put({ key: 'format', value: { major: 3 } });
    raw.close();
    const store = await openStore(o);
    expect(store.status().readOnly).toBe(true);
    store.close();
  });
});

describe('all-or-nothing multi-row writes', () => {
  it('putPlans with a failure injected at a random row leaves the database unchanged', async () => {
    for (let trial = 0; trial < 8; trial++) {
      const base = opts();
      const seed = await openStore(base);
      await seed.putPlans([record('keep-1'), record('keep-2')]);
      seed.close();
      const before = await dump(base);
      const rows = Array.from({ length: 12 }, (_, i) => record(`new-${i}`));
      const failAt = Math.floor(Math.random() * rows.length);
      const store = await openStore({
        ...base,
        middleware: [failNthMutation('plans', failAt, () => new Error(`injected at row ${failAt}`))],
      });
      const err = await store.putPlans(rows).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).message).toContain(`injected at row ${failAt}`);
      store.close();
      expect(await dump(base)).toBe(before);
    }
  });

  it('an invalid row anywhere refuses the whole batch before writing', async () => {
    const o = opts();
    const store = await openStore(o);
    const before = await dump(o);
    const rows = [record('a'), record('b'), { ...record('c'), document: { name: '' } }];
    await expect(store.putPlans(rows)).rejects.toThrow(/\[2\]\.document\.name: must be a non-empty string/);
    await expect(store.putPlans([record('a'), record('a')])).rejects.toThrow(/repeats the id "a"/);
    expect(await dump(o)).toBe(before);
    store.close();
  });

  it('storage full: a clear message, nothing half-written, reading still works', async () => {
    const base = opts();
    const seed = await openStore(base);
    await seed.putPlan(record('keep'));
    seed.close();
    const before = await dump(base);
    const store = await openStore({ ...base, middleware: [failNthMutation('plans', 2, quotaError)] });
    const err = await store
      .putPlans([record('x'), record('y'), record('z'), record('w')])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('quota');
    expect((err as StoreError).message).toBe(MESSAGES.quota);
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['keep']);
    store.close();
    expect(await dump(base)).toBe(before);
  });
});

describe('another window upgrading the database', () => {
  it('versionchange closes this connection and asks for a reload instead of crashing', async () => {
    const o = opts();
    const seen: string[] = [];
    const store = await openStore({ ...o, onStatusChange: (s) => seen.push(s.message ?? '') });
    await store.putPlan(record('a'));
    const newer = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    newer.version(60).stores({ ...storesAt(DATA_FORMAT), more: 'id' });
    await newer.open(); // completes only because the old connection closed itself
    newer.close();
    expect(seen).toEqual([MESSAGES.versionChange]);
    expect(store.status()).toEqual({ readOnly: true, message: MESSAGES.versionChange });
    const err = await store.putPlan(record('b')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toBe(MESSAGES.versionChange);
  });

  it('an upgrade blocked by an old connection reports it, then proceeds once that closes', async () => {
    const o = opts();
    const seen: (string | null)[] = [];
    // An old connection (version 0.1 in Dexie terms) that ignores versionchange.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = o.indexedDB!.open(o.name!, 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    raw.onversionchange = () => {
      setTimeout(() => raw.close(), 50);
    };
    const store = await openStore({ ...o, onStatusChange: (s) => seen.push(s.message) });
    expect(seen[0]).toBe(MESSAGES.blocked);
    expect(store.status()).toEqual({ readOnly: false, message: null });
    await store.putPlan(record('a'));
    store.close();
  });
});

describe('revisions: a stale save is refused, never written over the newer row', () => {
  it('every committed write of a plan raises its revision by one, starting at 1', async () => {
    const store = await openStore(opts());
    expect((await store.putPlan(record('a'))).revision).toBe(1);
    expect((await store.getPlan('a'))?.revision).toBe(1);
    const second = await store.putPlan({ ...record('a'), name: 'Renamed', revision: 1 });
    expect(second.revision).toBe(2);
    expect(second.name).toBe('Renamed');
    expect(await store.getPlan('a')).toEqual(second);
    const [x, y] = await store.putPlans([{ ...second, name: 'Again' }, record('b')]);
    expect([x?.revision, y?.revision]).toEqual([3, 1]);
    store.close();
  });

  it('refuses a save based on an older revision with a conflict carrying the stored row; the row is untouched', async () => {
    const o = opts();
    const store = await openStore(o);
    const first = await store.putPlan(record('a'));
    const other = await store.putPlan({ ...first, name: 'Changed elsewhere' }); // revision 2
    const before = await dump(o);
    for (const attempt of [
      () => store.putPlan({ ...first, name: 'Stale edit' }),
      () => store.putPlan({ ...record('a'), name: 'Thinks it is new' }),
      () => store.putPlans([record('b'), { ...first, name: 'Stale in a batch' }]),
      () => store.importPlans([{ ...record('a'), name: 'Imported over it' }]),
    ]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).kind).toBe('conflict');
      expect((err as ConflictError).stored).toEqual(other);
      expect((err as StoreError).message).toMatch(/"Changed elsewhere" was changed in another window/);
      expect(await dump(o)).toBe(before);
    }
    store.close();
  });

  it('reads a row written before revisions existed as revision 0', async () => {
    const o = opts();
    (await openStore(o)).close();
    const raw = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
    await raw.open();
    await raw.table('plans').put(record('old')); // no revision field
    raw.close();
    const store = await openStore(o);
    const old = (await store.getPlan('old'))!;
    expect(old.revision).toBeUndefined();
    // Saving it as read (no revision = 0) works and gives revision 1; a save based on 1 then gives 2.
    const saved = await store.putPlan({ ...old, name: 'Edited' });
    expect(saved.revision).toBe(1);
    await expect(store.putPlan({ ...old, name: 'Stale' })).rejects.toMatchObject({ kind: 'conflict' });
    expect((await store.putPlan({ ...saved, name: 'Next' })).revision).toBe(2);
    store.close();
  });

  it('a save of a plan that no longer exists writes it back (nothing is overwritten)', async () => {
    const store = await openStore(opts());
    const a = await store.putPlan(record('a'));
    await store.deletePlan('a');
    expect((await store.putPlan(a)).revision).toBe(2);
    store.close();
  });

  it('a restore raises the revision of every plan it brings back, so no save based on an older read lands on it', async () => {
    const store = await openStore(opts());
    const a1 = await store.putPlan(record('a'));
    const backupId = await store.backupNow();
    const a2 = await store.putPlan({ ...a1, name: 'Second' });
    const a3 = await store.putPlan({ ...a2, name: 'Third' });
    await store.restoreBackup(backupId);
    const restored = (await store.getPlan('a'))!;
    expect(restored.name).toBe('Plan a');
    expect(restored.revision).toBe(4);
    // A window that read revision 1 long ago (the number the backup's row has) cannot write over it unknowingly.
    for (const stale of [a1, a3]) {
      await expect(store.putPlan({ ...stale, name: 'Stale' })).rejects.toMatchObject({ kind: 'conflict' });
    }
    store.close();
  });

  it('accepts a revision in a record only as a non-negative integer', async () => {
    const store = await openStore(opts());
    for (const bad of [-1, 1.5, '2', NaN]) {
      await expect(store.putPlan({ ...record('a'), revision: bad as number })).rejects.toThrow(
        /revision: must be a whole number ≥ 0/,
      );
    }
    store.close();
  });

  it('other windows hear about every committed change; the writer does not hear itself', async () => {
    const o = opts({ name: `headroom-broadcast-${Math.random()}` });
    const a = await openStore(o);
    const b = await openStore(o);
    const heardByA: number[] = [];
    const heardByB: number[] = [];
    a.onExternalChange(() => heardByA.push(Date.now()));
    b.onExternalChange(() => heardByB.push(Date.now()));
    await a.putPlan(record('x'));
    await expect.poll(() => heardByB.length).toBe(1);
    await a.deletePlan('x');
    await expect.poll(() => heardByB.length).toBe(2);
    // A refused write changes nothing and says nothing.
    await b.putPlan(record('y'));
    await expect.poll(() => heardByA.length).toBe(1);
    await expect(a.putPlan(record('y'))).rejects.toMatchObject({ kind: 'conflict' });
    await b.setSetting('ui.lastPlanId', 'y');
    await a.putPlan({ ...(await a.getPlan('y'))!, name: 'Y' });
    await expect.poll(() => heardByB.length).toBe(3);
    expect(heardByA).toHaveLength(1);
    a.close();
    b.close();
  });
});

describe('drafts (issue 9 §1): the plan as typed is stored beside its last valid version', () => {
  const invalidDraft = () => ({ ...(record('a').document as object), name: '', services: 'oops' });

  it('stores a draft that is not a valid plan, revision-checked like any write, and a valid write clears it', async () => {
    const o = opts();
    const store = await openStore(o);
    const first = await store.putPlan(record('a'));
    const drafted = await store.putPlan({ ...first, draft: invalidDraft() });
    expect(drafted.revision).toBe(2);
    expect((await store.getPlan('a'))?.draft).toEqual(invalidDraft());
    expect((await store.getPlan('a'))?.document).toEqual(record('a').document);
    // A stale draft write is refused like any other.
    await expect(store.putPlan({ ...first, draft: invalidDraft() })).rejects.toMatchObject({
      kind: 'conflict',
    });
    // The document itself must still be a valid plan.
    await expect(store.putPlan({ ...drafted, document: invalidDraft() })).rejects.toMatchObject({
      kind: 'invalid',
    });
    const { draft: _draft, ...valid } = drafted;
    await store.putPlan({ ...valid, name: 'Fixed' });
    expect(await store.getPlan('a')).not.toHaveProperty('draft');
    store.close();
    // Rows with drafts are not quarantined at the next start.
    const again = await openStore(o);
    expect(await again.listQuarantine()).toEqual([]);
    again.close();
  });

  it('refuses a draft that is not JSON-safe or exceeds the plan-file limits, with its path', async () => {
    const store = await openStore(opts());
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 40; i++) cur = (cur.next = {}) as Record<string, unknown>;
    const bad: [unknown, RegExp][] = [
      [{ x: Number.NaN }, /finite numbers/],
      [{ when: new Date() }, /plain objects/],
      [deep, /nested more than 32/],
    ];
    for (const [draft, message] of bad) {
      const err = await store.putPlan({ ...record('a'), draft }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).issues[0]).toMatchObject({
        path: 'draft',
        message: expect.stringMatching(message),
      });
    }
    expect(await store.listPlans()).toEqual([]);
    store.close();
  });

  it('export all and restore carry drafts', async () => {
    const store = await openStore(opts());
    await store.putPlan({ ...record('a'), draft: invalidDraft() });
    const text = await store.exportAll();
    await store.putPlan({ ...record('a'), revision: 1 });
    const r = await store.restoreFromExport(text);
    expect(r.ok).toBe(true);
    expect((await store.getPlan('a'))?.draft).toEqual(invalidDraft());
    store.close();
  });
});
