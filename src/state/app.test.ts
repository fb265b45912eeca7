import { describe, expect, it } from 'vitest';
import { ConflictError, StoreError } from '../db/errors.ts';
import type { HeadroomStore, PlanRecord } from '../db/types.ts';
import type { FileToSave, Platform } from '../platform/types.ts';
import { toCsv } from '../report/index.ts';
import { EngineClient } from '../worker/client.ts';
import { WorkerEngine, type EvalRequest, type EvalResponse } from '../worker/evaluate.ts';
import { AppState, type JournalStorage, type PageLocks } from './app.svelte.ts';
import { validatePlanDocument } from './store.ts';

/** One database shared by several windows (each window gets its own store on it, like IndexedDB). */
function memoryDb() {
  return {
    rows: new Map<string, PlanRecord>(),
    settings: new Map<string, unknown>(),
    imported: [] as string[],
    windows: new Set<() => void>(),
  };
}

/**
 * An in-memory store that validates like the real one, refuses stale revisions like the real one, and tells the
 * other windows on the same database about every committed change.
 */
function memoryStore(db = memoryDb()): HeadroomStore & {
  rows: Map<string, PlanRecord>;
  settings: Map<string, unknown>;
  imported: string[];
  /** While set, writes wait for it (a slow disk); the write commits when it resolves. */
  hold: Promise<void> | null;
} {
  const { rows, settings, imported } = db;
  let heard: (() => void) | null = null;
  const announce = () => {
    for (const w of db.windows) if (w !== heard) w();
  };
  const store = {
    rows,
    settings,
    imported,
    hold: null as Promise<void> | null,
    status: () => ({ readOnly: false, message: null }),
    listPlans: async () => [...rows.values()].map((r) => structuredClone(r)),
    getPlan: async (id: string) => structuredClone(rows.get(id)),
    async putPlans(records: PlanRecord[]) {
      for (const r of records) {
        const issues = validatePlanDocument(r.document);
        if (issues.length > 0) throw new StoreError('invalid', `invalid: ${issues[0]!.path}`, issues);
      }
      if (store.hold) await store.hold;
      const out = records.map((r) => {
        const row = rows.get(r.id);
        if (row && (row.revision ?? 0) !== (r.revision ?? 0))
          throw new ConflictError(r, structuredClone(row));
        return { ...structuredClone(r), revision: (r.revision ?? 0) + 1 };
      });
      for (const r of out) rows.set(r.id, r);
      announce();
      return out.map((r) => structuredClone(r));
    },
    async putPlan(record: PlanRecord) {
      return (await store.putPlans([record]))[0]!;
    },
    async importPlans(records: PlanRecord[]) {
      imported.push(...records.map((r) => r.id));
      return store.putPlans(records);
    },
    onStatusChange: () => () => {},
    onExternalChange(listener: () => void) {
      heard = listener;
      db.windows.add(listener);
      return () => db.windows.delete(listener);
    },
    async deletePlan(id: string) {
      const r = rows.get(id);
      rows.delete(id);
      announce();
      return r;
    },
    async undeletePlan(record: PlanRecord) {
      if (rows.has(record.id)) throw new Error('exists');
      await this.putPlan(record);
    },
    getSetting: async <T>(key: string) => settings.get(key) as T | undefined,
    setSetting: async (key: string, value: unknown) => void settings.set(key, value),
    close() {},
  };
  return store;
}

/** localStorage as the journal sees it, with a quota. */
function memoryStorage(quotaChars = Infinity): JournalStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem(k: string, v: string) {
      const used = [...items].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0);
      if (used + k.length + v.length > quotaChars) {
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      }
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

/** Web Locks as the journal uses them (exclusive, optionally only if available), for one origin. */
function fakeLocks(): PageLocks {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  return {
    async request<T>(
      name: string,
      options: { ifAvailable?: boolean },
      callback: (lock: unknown) => T,
    ): Promise<Awaited<T>> {
      if (held.has(name)) {
        if (options.ifAvailable) return await callback(null);
        await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
        const next = waiting.get(name)?.shift();
        next?.();
      }
    },
  };
}

/** An engine worker that answers only when told to while `held` (a large plan still being evaluated). */
function heldWorker() {
  const pending: EvalRequest[] = [];
  const engine = new WorkerEngine();
  const w = {
    held: false,
    onmessage: null as ((event: MessageEvent<EvalResponse>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage(req: EvalRequest) {
      pending.push(req);
      if (!w.held) w.release();
    },
    release() {
      for (const req of pending.splice(0)) {
        const data: EvalResponse = engine.handle(req);
        queueMicrotask(() => w.onmessage?.({ data } as MessageEvent<EvalResponse>));
      }
    },
    terminate() {},
  };
  return w;
}

function fakePlatform(): Platform & { saved: FileToSave[]; next: { name: string; contents: string } | null } {
  const p = {
    kind: 'browser' as const,
    saved: [] as FileToSave[],
    next: null as { name: string; contents: string } | null,
    saveFile: async (file: FileToSave) => {
      p.saved.push(file);
      return { saved: true };
    },
    openFile: async () => p.next,
    onMenuCommand: () => () => {},
    onOpenFile: () => () => {},
    onFlushRequest: () => () => {},
  };
  return p;
}

async function started(store = memoryStore(), journal: JournalStorage | null = memoryStorage()) {
  const platform = fakePlatform();
  const app = new AppState(store, platform, new EngineClient(() => null), { journal });
  await app.init();
  return { app, store, platform, journal };
}

const docOf = (store: ReturnType<typeof memoryStore>, id: string) =>
  store.rows.get(id)!.document as {
    name: string;
    services: { cpuMsPerRequest: number; memoryMiB: number }[];
  };

const cpuOf = (store: ReturnType<typeof memoryStore>, id: string) =>
  (store.rows.get(id)!.document as { services: { cpuMsPerRequest: number }[] }).services[0]!.cpuMsPerRequest;

describe('AppState', () => {
  it('first run stores and opens the example plan with a report and a forecast', async () => {
    const { app, store } = await started();
    expect(store.rows.size).toBe(1);
    expect(app.view).toBe('editor');
    expect(app.report?.strategies).toHaveLength(4);
    await expect.poll(() => app.forecast?.months.length).toBe(12);
    // A second start does not seed again, even with no plans left.
    await app.remove(app.currentId!);
    const again = new AppState(store, fakePlatform(), new EngineClient(() => null));
    await again.init();
    expect(store.rows.size).toBe(0);
    expect(again.view).toBe('plans');
  });

  it('saves a valid edit as the plan, an invalid one as a draft beside it, and keeps the last valid results', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    await app.flush();
    expect(cpuOf(store, id)).toBe(42);
    const report = app.report;

    app.edit(['services', 0, 'cpuMsPerRequest'], 'lots');
    expect(app.valid).toBe(false);
    expect(app.issuesAt(['services', 0, 'cpuMsPerRequest'])).toEqual([
      expect.stringMatching(/^must be a number/),
    ]);
    expect(app.saveState).toBe('saving');
    expect(app.report).toBe(report);
    await app.flush();
    expect(app.saveState).toBe('draft');
    expect(cpuOf(store, id)).toBe(42);
    const row = store.rows.get(id)!;
    expect((row.draft as { services: { cpuMsPerRequest: unknown }[] }).services[0]!.cpuMsPerRequest).toBe(
      'lots',
    );
  });

  it('undoes and redoes edits; typing in one field is one step', async () => {
    const { app } = await started();
    const original = (app.doc!.services as { durationMs: number }[])[1]!.durationMs;
    app.edit(['services', 1, 'durationMs'], 1);
    app.edit(['services', 1, 'durationMs'], 12);
    app.edit(['services', 1, 'durationMs'], 123);
    expect(app.canUndo).toBe(true);
    app.undo();
    expect((app.doc!.services as { durationMs: number }[])[1]!.durationMs).toBe(original);
    expect(app.canUndo).toBe(false);
    app.redo();
    expect((app.doc!.services as { durationMs: number }[])[1]!.durationMs).toBe(123);
  });

  it('deletes a plan and restores it with the notice’s undo', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    await app.remove(id);
    expect(store.rows.has(id)).toBe(false);
    const undo = app.notices.at(-1)!.action!;
    expect(undo.label).toBe('Undo');
    undo.run();
    await expect.poll(() => store.rows.has(id)).toBe(true);
  });

  it('imports only a valid file, listing every problem of an invalid one', async () => {
    const { app, store } = await started();
    expect(
      await app.importText(
        'bad.json',
        '{"format":"headroom-plan","version":1,"name":"","catalog":"x","services":[]}',
      ),
    ).toBe(false);
    expect(app.importProblem?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'catalog']));
    expect(store.rows.size).toBe(1);

    const text = JSON.stringify(app.doc);
    expect(await app.importText('good.json', text)).toBe(true);
    expect(store.rows.size).toBe(2);
    // A file import goes through the store's import (which backs up first), not a plain write.
    expect(store.imported).toEqual([app.currentId]);
    expect(app.current?.name).toBe('Food delivery platform 2');
    expect({ ...app.doc, name: 'x' }).toEqual({ ...JSON.parse(text), name: 'x' });
  });

  it('creates a scenario that remembers its base, and compares them', async () => {
    const { app } = await started();
    const baseId = app.currentId!;
    await app.createScenario();
    expect(app.current?.kind).toBe('scenario');
    expect(app.current?.baseId).toBe(baseId);
    app.applyKnobs({
      trafficFactor: 3,
      growthPerMonth: null,
      discounts: {},
      sharedHostInstanceType: null,
      vmInstanceType: null,
      clusterNodeType: null,
    });
    await app.compareCurrent();
    expect(app.view).toBe('compare');
    expect(app.compareBase).toBe(baseId);
    expect(app.compareIds).toHaveLength(2);
    const [a, b] = app.compareIds.map((id) => app.compareReports.get(id)!);
    expect(b!.strategies[3]!.monthlyCost).toBeGreaterThan(a!.strategies[3]!.monthlyCost);
  });

  it('exports the CSV report and the plan file through the platform', async () => {
    const { app, platform } = await started();
    await app.exportCsv();
    await app.exportJson();
    expect(platform.saved.map((f) => f.mimeType)).toEqual(['text/csv', 'application/json']);
    expect(platform.saved[0]!.suggestedName).toMatch(/^food-delivery-platform-\d{4}-\d{2}-\d{2}\.csv$/);
    // For a spreadsheet: a byte order mark, then the # block, then the table.
    const lines = platform.saved[0]!.contents.split('\r\n');
    expect(lines[0]).toBe('\uFEFF# headroom,line items');
    expect(lines).toContain(
      'strategy,strategy_name,service,component,unit,quantity,unit_price,cost,currency',
    );
    expect(lines.find((l) => l.startsWith('# generated at,'))).toMatch(/^# generated at,\d{4}-\d{2}-\d{2}T/);
    expect(JSON.parse(platform.saved[1]!.contents)).toEqual(app.doc);
  });

  it('exports the cost-per-service table and the forecast as shown; the forecast follows its options', async () => {
    const { app, platform } = await started();
    await expect.poll(() => app.forecast?.months.length).toBe(12);
    await app.setForecastOptions({ months: 24, start: '2027-01' });
    expect(app.forecast?.months).toHaveLength(24);
    expect(app.forecast?.start).toBe('2027-01');
    // Options the app does not offer change nothing.
    await app.setForecastOptions({ months: 7 });
    await app.setForecastOptions({ start: '2027-13' });
    expect(app.forecastOptions).toEqual({ months: 24, start: '2027-01' });
    await app.exportServicesCsv();
    await app.exportForecastCsv();
    const [services, forecast] = platform.saved.map((f) => f.contents.split('\r\n'));
    expect(platform.saved[0]!.suggestedName).toMatch(/^food-delivery-platform-cost-per-service-/);
    expect(services![0]).toBe('\uFEFF# headroom,cost per service');
    expect(services).toContain('service,shared-host,vm-per-service,container-cluster,serverless');
    expect(forecast![0]).toBe('\uFEFF# headroom,forecast');
    expect(forecast).toContain('# forecast start,2027-01');
    expect(forecast!.filter((l) => /^\d+,\d{4}-\d{2},/.test(l))).toHaveLength(24);
    // The comparison export gets the byte order mark too.
    await app.exportComparison(toCsv([['strategy'], ['shared-host']]));
    expect(platform.saved[2]!.contents).toBe('\uFEFFstrategy\r\nshared-host\r\n');
  });

  it('a read-only store (written by a newer Headroom) keeps edits on screen and says they are not saved', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.storeStatus = { readOnly: true, message: 'newer' };
    app.edit(['services', 0, 'cpuMsPerRequest'], 77);
    await app.flush();
    expect(app.saveState).toBe('read-only');
    expect(cpuOf(store, id)).not.toBe(77);
    expect(app.report).not.toBeNull();
  });

  it('menu commands map to actions', async () => {
    const { app, store } = await started();
    await app.command('new-plan');
    expect(store.rows.size).toBe(2);
    expect(app.current?.name).toBe('New plan');
    await app.command('open-plan');
    expect(app.view).toBe('plans');
    await app.command('about');
    expect(app.dialog).toBe('about');
  });
});

describe('saving: the indicator never says saved before the write has committed', () => {
  it('says Saving… from the moment of the edit, while a large plan is still evaluated, until the write commits', async () => {
    const store = memoryStore();
    const worker = heldWorker();
    // Threshold 1: the example plan (several services) is evaluated in the (held) worker, like a 2,000-service plan.
    const app = new AppState(store, fakePlatform(), new EngineClient(() => worker, 1), {
      journal: memoryStorage(),
    });
    await app.init();
    const id = app.currentId!;
    expect(app.saveState).toBe('saved');
    worker.held = true;
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    expect(app.evaluating).toBe(true);
    expect(app.saveState).toBe('saving');
    // flush() covers the edit although its evaluation has not finished, and resolves only once it is committed.
    let release!: () => void;
    store.hold = new Promise((r) => (release = r));
    let flushed = false;
    const flushing = app.flush().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(flushed).toBe(false);
    expect(app.saveState).toBe('saving');
    release();
    await flushing;
    expect(cpuOf(store, id)).toBe(42);
    expect(app.saveState).toBe('saved');
    worker.release();
    await expect.poll(() => app.evaluating).toBe(false);
    expect(app.saveState).toBe('saved');
  });

  it('a second flush while a write is under way waits for it and then writes the newer edit', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    let release!: () => void;
    store.hold = new Promise((r) => (release = r));
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    const first = app.flush();
    await new Promise((r) => setTimeout(r, 0)); // the write of 42 is under way
    app.edit(['services', 0, 'cpuMsPerRequest'], 43);
    const second = app.flush();
    release();
    await Promise.all([first, second]);
    expect(cpuOf(store, id)).toBe(43);
    expect(store.rows.get(id)!.revision).toBe(3);
    expect(app.saveState).toBe('saved');
  });

  it('a failed write says Not saved and keeps the edit on screen', async () => {
    const { app, store } = await started();
    store.hold = Promise.reject(new StoreError('quota', 'Storage is full'));
    store.hold.catch(() => {});
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    await app.flush();
    expect(app.saveState).toBe('error');
    expect(app.notices.at(-1)?.text).toMatch(/could not be saved: Storage is full/);
    store.hold = null;
    app.edit(['services', 0, 'cpuMsPerRequest'], 43);
    expect(app.saveState).toBe('saving');
    await app.flush();
    expect(app.saveState).toBe('saved');
  });
});

describe('two windows on one database', () => {
  async function twoWindows() {
    const db = memoryDb();
    const a = await started(memoryStore(db));
    const b = await started(memoryStore(db));
    return { db, a: a.app, b: b.app, storeA: a.store };
  }

  it('a change committed in one window is shown in the other, whose undo cannot bring back the old version', async () => {
    const { a, b, storeA } = await twoWindows();
    const id = a.currentId!;
    expect(b.currentId).toBe(id);
    b.edit(['services', 0, 'memoryMiB'], 1024);
    await b.flush();
    // B's undo history now holds an older version; A changes the plan.
    a.edit(['services', 0, 'memoryMiB'], 4096);
    await a.flush();
    await expect.poll(() => (b.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(4096);
    expect(b.notices.at(-1)?.text).toMatch(/changed in another window/);
    expect(b.saveState).toBe('saved');
    expect(b.canUndo).toBe(false);
    b.undo();
    expect((b.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(4096);
    // B edits on top of A's version: no conflict, the revision moves on.
    b.edit(['services', 0, 'cpuMsPerRequest'], 7);
    await b.flush();
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 4096, cpuMsPerRequest: 7 });
    expect(storeA.rows.size).toBe(1);
  });

  it('two windows editing the same plan: both versions are kept, the later one as a copy named so, and its window is told', async () => {
    const { a, b, storeA } = await twoWindows();
    const id = a.currentId!;
    const name = a.current!.name;
    // A's edit is pending (not yet written) when B's is committed.
    a.edit(['services', 0, 'cpuMsPerRequest'], 11);
    b.edit(['services', 0, 'memoryMiB'], 2048);
    await b.flush();
    await a.flush();
    await expect.poll(() => storeA.rows.size).toBe(2);
    // B's version stays under the plan's id; A's edits are a copy, open in A, with A's undo history.
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 2048 });
    expect(docOf(storeA, id).services[0]!.cpuMsPerRequest).not.toBe(11);
    const copy = [...storeA.rows.values()].find((r) => r.id !== id)!;
    expect(copy.name).toMatch(new RegExp(`^${name} \\(conflicted copy, \\d\\d:\\d\\d\\)$`));
    expect(docOf(storeA, copy.id).name).toBe(copy.name);
    expect(docOf(storeA, copy.id).services[0]).toMatchObject({ cpuMsPerRequest: 11 });
    expect(docOf(storeA, copy.id).services[0]!.memoryMiB).not.toBe(2048);
    expect(a.currentId).toBe(copy.id);
    expect(a.saveState).toBe('saved');
    expect(a.canUndo).toBe(true);
    const notice = a.notices.find((n) => n.text.includes('another window'))!;
    expect(notice.text).toContain(`“${name}”`);
    expect(notice.text).toContain(`“${copy.name}”`);
    expect(notice.action?.label).toBe('Open the other version');
    notice.action!.run();
    await expect.poll(() => a.currentId).toBe(id);
    expect((a.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(2048);
    // B hears of the copy and lists it.
    await expect.poll(() => b.plans.length).toBe(2);
    expect(b.currentId).toBe(id);
  });

  it('an edit pending when another window’s change arrives goes the same way (never over the other version)', async () => {
    const { a, b, storeA } = await twoWindows();
    const id = a.currentId!;
    // A's write is held (a slow disk); B saves meanwhile; A's save is based on the old revision.
    let release!: () => void;
    storeA.hold = new Promise<void>((r) => (release = r));
    a.edit(['services', 0, 'cpuMsPerRequest'], 12);
    const writing = a.flush();
    b.edit(['services', 0, 'memoryMiB'], 2048);
    await b.flush();
    storeA.hold = null;
    release();
    await writing;
    await expect.poll(() => storeA.rows.size).toBe(2);
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 2048 });
    expect(a.current?.name).toMatch(/conflicted copy/);
    expect(docOf(storeA, a.currentId!).services[0]).toMatchObject({ cpuMsPerRequest: 12 });
  });
});

describe('drafts (issue 9 §1): an invalid value never freezes the plan or loses edits', () => {
  type Svc = { name: string; cpuMsPerRequest: unknown; memoryMiB: unknown; durationMs: unknown };
  const services = (doc: unknown) => (doc as { services: Svc[] }).services;

  it('every edit after an invalid one is saved (as the draft) and comes back after a reload, with its problems', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    const valid = structuredClone(store.rows.get(id)!.document);
    const report = app.report;
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.edit(['services', 1, 'durationMs'], 77);
    app.edit(['name'], 'Renamed while invalid');
    await app.flush();
    expect(app.saveState).toBe('draft');
    expect(app.hasDraft).toBe(true);
    const row = store.rows.get(id)!;
    expect(row.document).toEqual(valid); // the last valid version stays stored
    expect(services(row.draft)[0]!.memoryMiB).toBe('a lot');
    expect(services(row.draft)[1]!.durationMs).toBe(77);
    expect(row.name).toBe('Renamed while invalid');

    // Another start (a reload): the draft opens, with its problems, and the last valid version's results.
    const next = await started(store);
    expect(next.app.currentId).toBe(id);
    expect(services(next.app.doc)[0]!.memoryMiB).toBe('a lot');
    expect(services(next.app.doc)[1]!.durationMs).toBe(77);
    expect(next.app.valid).toBe(false);
    expect(next.app.issuesAt(['services', 0, 'memoryMiB'])).toEqual([
      expect.stringMatching(/must be a number/),
    ]);
    expect(next.app.saveState).toBe('draft');
    await expect
      .poll(() => next.app.report?.strategies.map((s) => s.monthlyCost))
      .toEqual(report?.strategies.map((s) => s.monthlyCost));
  });

  it('once the typed plan is valid again it replaces the document and the draft goes', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.flush();
    app.edit(['services', 0, 'memoryMiB'], 1024);
    await app.flush();
    expect(app.saveState).toBe('saved');
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.memoryMiB).toBe(1024);
  });

  it('undo and redo move between the draft and valid versions, each saved as what it is', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'cpuMsPerRequest'], 33);
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.flush();
    expect(store.rows.get(id)!.draft).toBeDefined();
    app.undo();
    await app.flush();
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.cpuMsPerRequest).toBe(33);
    app.redo();
    await app.flush();
    expect(services(store.rows.get(id)!.draft)[0]!.memoryMiB).toBe('a lot');
    expect(app.saveState).toBe('draft');
  });

  it('"go back to the last valid version" is one undoable edit that clears the draft', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'cpuMsPerRequest'], 33);
    await app.flush();
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.edit(['services', 1, 'durationMs'], 5);
    await app.flush();
    app.restoreLastValid();
    expect(app.valid).toBe(true);
    await app.flush();
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.cpuMsPerRequest).toBe(33);
    app.undo();
    expect(services(app.doc)[0]!.memoryMiB).toBe('a lot');
  });

  it('a pod too big for the node type is no plan problem: saved as the plan, shown at its field, only that strategy not costed', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'container', 'memoryMiB'], 16384);
    expect(app.valid).toBe(true);
    expect(app.issuesAt(['services', 0, 'container', 'memoryMiB'])).toEqual([
      expect.stringMatching(
        /^Service instance per container cannot be costed: a pod request of 16384 MiB .*; choose a larger node type/,
      ),
    ]);
    const costed = app.report!.strategies.filter((s) => !s.cannotCost).map((s) => s.id);
    expect(costed).toEqual(['shared-host', 'vm-per-service', 'serverless']);
    await app.flush();
    expect(app.saveState).toBe('saved');
    expect(store.rows.get(id)).not.toHaveProperty('draft');
  });

  it('duplicating a plan with a draft copies the draft too', async () => {
    const { app, store } = await started();
    const id = app.currentId!;
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.flush();
    await app.duplicate(id);
    const copy = [...store.rows.values()].find((r) => r.id !== id)!;
    expect(copy.name).toMatch(/copy$/);
    expect((copy.draft as { name: string }).name).toBe(copy.name);
    expect(services(copy.draft)[0]!.memoryMiB).toBe('a lot');
  });

  it('exports are refused while the plan has problems, saying why, never the last valid version silently', async () => {
    const { app, platform } = await started();
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.exportCsv();
    await app.exportJson();
    expect(platform.saved).toEqual([]);
    const said = app.notices.filter((n) => n.kind === 'error').map((n) => n.text);
    expect(said).toEqual([
      expect.stringMatching(
        /^Not exported: this plan has 1 problem \(first: services\[0\]\.memoryMiB: .*the CSV report would show the last valid version/,
      ),
      expect.stringMatching(/^Not exported: .*the plan file would show the last valid version/),
    ]);
    app.restoreLastValid();
    await app.exportCsv();
    expect(platform.saved.map((f) => f.mimeType)).toEqual(['text/csv']);
  });

  it('the journal covers drafts: an invalid edit made just before the page went away is recovered as the draft', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.currentId!;
    store.hold = new Promise(() => {});
    app.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.pageHidden();
    await new Promise((r) => setTimeout(r, 0));
    app.dispose();
    store.hold = null;
    const next = await started(store, journal);
    expect(services(store.rows.get(id)!.draft)[0]!.memoryMiB).toBe('a lot');
    expect(services(next.app.doc)[0]!.memoryMiB).toBe('a lot');
    expect(journal.items.size).toBe(0);
  });
});

describe('write-ahead journal: an edit survives the page going away before its write commits', () => {
  it('writes the pending edit to the journal when the page is hidden, and replays it at the next start', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.currentId!;
    const revision = store.rows.get(id)!.revision;
    // The page goes away: the IndexedDB write started now never commits.
    store.hold = new Promise(() => {});
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.pageHidden();
    expect(journal.items.size).toBe(1);
    await new Promise((r) => setTimeout(r, 0)); // the write is under way, and never commits
    expect(cpuOf(store, id)).not.toBe(42);
    app.dispose(); // the page is gone

    store.hold = null;
    const next = await started(store, journal);
    expect(cpuOf(store, id)).toBe(42);
    expect(store.rows.get(id)!.revision).toBe(revision! + 1);
    expect(journal.items.size).toBe(0);
    expect((next.app.doc?.services as { cpuMsPerRequest: number }[])[0]!.cpuMsPerRequest).toBe(42);
    expect(next.app.saveState).toBe('saved');
  });

  it('a journal entry whose write did commit is dropped, not applied twice', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.currentId!;
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.pageHidden();
    await app.flush();
    const revision = store.rows.get(id)!.revision;
    // The page went away before the journal could be cleared.
    await started(store, journal);
    expect(store.rows.size).toBe(1);
    expect(store.rows.get(id)!.revision).toBe(revision);
    expect(journal.items.size).toBe(0);
  });

  it('a journal entry based on an older revision is kept as a copy, not written over the newer version', async () => {
    const journal = memoryStorage();
    const db = memoryDb();
    const { app, store } = await started(memoryStore(db), journal);
    const id = app.currentId!;
    store.hold = new Promise(() => {});
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.pageHidden();
    await new Promise((r) => setTimeout(r, 0)); // the write is under way, and never commits
    app.dispose(); // the page is gone
    // Meanwhile another window saved the plan.
    const other = memoryStore(db);
    await other.putPlan({ ...store.rows.get(id)!, name: 'Renamed elsewhere' });
    const next = await started(memoryStore(db), journal);
    expect(store.rows.size).toBe(2);
    expect(store.rows.get(id)!.name).toBe('Renamed elsewhere');
    const copy = [...store.rows.values()].find((r) => r.id !== id)!;
    expect(copy.name).toMatch(/conflicted copy/);
    expect(docOf(store, copy.id).services[0]!.cpuMsPerRequest).toBe(42);
    expect(next.app.notices.some((n) => n.text.includes(copy.name))).toBe(true);
  });

  it('an entry is replayed only once the page that wrote it is gone (it may still commit it), then shown', async () => {
    const journal = memoryStorage();
    const locks = fakeLocks();
    const db = memoryDb();
    const store = memoryStore(db);
    const first = new AppState(store, fakePlatform(), new EngineClient(() => null), { journal, locks });
    await first.init();
    const id = first.currentId!;
    store.hold = new Promise(() => {});
    first.edit(['services', 0, 'cpuMsPerRequest'], 42);
    first.pageHidden();
    await new Promise((r) => setTimeout(r, 0));
    // A new page starts while the closing one is still there: the entry is not its to replay yet.
    const other = memoryStore(db);
    const next = new AppState(other, fakePlatform(), new EngineClient(() => null), { journal, locks });
    await next.init();
    expect(cpuOf(other, id)).not.toBe(42);
    expect(journal.items.size).toBe(1);
    // The closing page is gone: its entry is replayed, and the new page shows it.
    first.dispose();
    await expect.poll(() => cpuOf(other, id)).toBe(42);
    await expect
      .poll(() => (next.doc?.services as { cpuMsPerRequest: number }[])[0]!.cpuMsPerRequest)
      .toBe(42);
    expect(journal.items.size).toBe(0);
    expect(other.rows.size).toBe(1);
    expect(next.saveState).toBe('saved');
  });

  it('a plan too large for the journal is still saved; nothing breaks and the indicator does not lie', async () => {
    const journal = memoryStorage(100);
    const { app, store } = await started(memoryStore(), journal);
    const id = app.currentId!;
    app.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.pageHidden();
    expect(journal.items.size).toBe(0);
    expect(app.saveState).toBe('saving');
    await app.flush();
    expect(cpuOf(store, id)).toBe(42);
    expect(app.saveState).toBe('saved');
  });
});
