import { describe, expect, it } from 'vitest';
import { StoreError } from '../db/errors.ts';
import { toCsv } from '../report/index.ts';
import { STRATEGY_IDS } from '../model/index.ts';
import { EngineClient } from '../worker/client.ts';
import { WorkerEngine, type EvalRequest, type EvalResponse, type WorkerMessage } from '../worker/evaluate.ts';
import { AppState, type JournalStorage } from './app.svelte.ts';
import { fakeLocks, fakePlatform, memoryDb, memoryStorage, memoryStore } from './test-support.ts';

/** An engine worker that answers only when told to while `held` (a large plan still being evaluated). */
function heldWorker() {
  const pending: EvalRequest[] = [];
  const engine = new WorkerEngine();
  const w = {
    held: false,
    onmessage: null as ((event: MessageEvent<WorkerMessage>) => void) | null,
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
    expect(app.plan.report?.strategies).toHaveLength(STRATEGY_IDS.length);
    await expect.poll(() => app.plan.forecast?.months.length).toBe(12);
    // A second start does not seed again, even with no plans left.
    await app.library.remove(app.plan.currentId!);
    const again = new AppState(store, fakePlatform(), new EngineClient(() => null));
    await again.init();
    expect(store.rows.size).toBe(0);
    expect(again.view).toBe('plans');
  });

  it('saves a valid edit as the plan, an invalid one as a draft beside it, and keeps the last valid results', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    await app.plan.flush();
    expect(cpuOf(store, id)).toBe(42);
    const report = app.plan.report;

    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 'lots');
    expect(app.plan.valid).toBe(false);
    expect(app.plan.issuesAt(['services', 0, 'cpuMsPerRequest'])).toEqual([
      expect.stringMatching(/^must be a number/),
    ]);
    expect(app.plan.saveState).toBe('saving');
    expect(app.plan.report).toBe(report);
    await app.plan.flush();
    expect(app.plan.saveState).toBe('draft');
    expect(cpuOf(store, id)).toBe(42);
    const row = store.rows.get(id)!;
    expect((row.draft as { services: { cpuMsPerRequest: unknown }[] }).services[0]!.cpuMsPerRequest).toBe(
      'lots',
    );
  });

  it('undoes and redoes edits; typing in one field is one step', async () => {
    const { app } = await started();
    const original = (app.plan.doc!.services as { durationMs: number }[])[1]!.durationMs;
    app.plan.edit(['services', 1, 'durationMs'], 1);
    app.plan.edit(['services', 1, 'durationMs'], 12);
    app.plan.edit(['services', 1, 'durationMs'], 123);
    expect(app.plan.canUndo).toBe(true);
    app.plan.undo();
    expect((app.plan.doc!.services as { durationMs: number }[])[1]!.durationMs).toBe(original);
    expect(app.plan.canUndo).toBe(false);
    app.plan.redo();
    expect((app.plan.doc!.services as { durationMs: number }[])[1]!.durationMs).toBe(123);
  });

  it('deletes a plan and restores it with the notice’s undo', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    await app.library.remove(id);
    expect(store.rows.has(id)).toBe(false);
    const undo = app.notices.items.at(-1)!.action!;
    expect(undo.label).toBe('Undo');
    undo.run();
    await expect.poll(() => store.rows.has(id)).toBe(true);
  });

  it('imports only a valid file, listing every problem of an invalid one', async () => {
    const { app, store } = await started();
    expect(
      await app.exports.importText(
        'bad.json',
        '{"format":"headroom-plan","version":1,"name":"","catalog":"x","services":[]}',
      ),
    ).toBe(false);
    expect(app.exports.importProblem?.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['name', 'catalog']),
    );
    expect(store.rows.size).toBe(1);

    const text = JSON.stringify(app.plan.doc);
    expect(await app.exports.importText('good.json', text)).toBe(true);
    expect(store.rows.size).toBe(2);
    // A file import goes through the store's import (which backs up first), not a plain write.
    expect(store.imported).toEqual([app.plan.currentId]);
    expect(app.plan.current?.name).toBe('Food delivery platform 2');
    expect({ ...app.plan.doc, name: 'x' }).toEqual({ ...JSON.parse(text), name: 'x' });
  });

  it('creates a scenario that remembers its base, and compares them', async () => {
    const { app } = await started();
    const baseId = app.plan.currentId!;
    await app.library.createScenario();
    expect(app.plan.current?.kind).toBe('scenario');
    expect(app.plan.current?.baseId).toBe(baseId);
    app.plan.applyKnobs({
      trafficFactor: 3,
      growthPerMonth: null,
      discounts: {},
      sharedHostInstanceType: null,
      vmInstanceType: null,
      clusterNodeType: null,
    });
    await app.comparison.compareCurrent();
    expect(app.view).toBe('compare');
    expect(app.comparison.base).toBe(baseId);
    expect(app.comparison.ids).toHaveLength(2);
    const [a, b] = app.comparison.ids.map((id) => app.comparison.reports.get(id)!);
    expect(b!.strategies[3]!.monthlyCost).toBeGreaterThan(a!.strategies[3]!.monthlyCost);
  });

  it('exports the CSV report and the plan file through the platform', async () => {
    const { app, platform } = await started();
    await app.exports.exportCsv();
    await app.exports.exportJson();
    expect(platform.saved.map((f) => f.mimeType)).toEqual(['text/csv', 'application/json']);
    expect(platform.saved[0]!.suggestedName).toMatch(/^food-delivery-platform-\d{4}-\d{2}-\d{2}\.csv$/);
    // For a spreadsheet: a byte order mark, then the # block, then the table.
    const lines = platform.saved[0]!.contents.split('\r\n');
    expect(lines[0]).toBe('\uFEFF# headroom,line items');
    expect(lines).toContain(
      'strategy,strategy_name,service,component,unit,quantity,unit_price,cost,currency',
    );
    expect(lines.find((l) => l.startsWith('# generated at,'))).toMatch(/^# generated at,\d{4}-\d{2}-\d{2}T/);
    expect(JSON.parse(platform.saved[1]!.contents)).toEqual(app.plan.doc);
  });

  it('exports the cost-per-service table and the forecast as shown; the forecast follows its options', async () => {
    const { app, platform } = await started();
    await expect.poll(() => app.plan.forecast?.months.length).toBe(12);
    await app.plan.setForecastOptions({ months: 24, start: '2027-01' });
    expect(app.plan.forecast?.months).toHaveLength(24);
    expect(app.plan.forecast?.start).toBe('2027-01');
    // Options the app does not offer change nothing.
    await app.plan.setForecastOptions({ months: 7 });
    await app.plan.setForecastOptions({ start: '2027-13' });
    expect(app.plan.forecastOptions).toEqual({ months: 24, start: '2027-01' });
    await app.exports.exportServicesCsv();
    await app.exports.exportForecastCsv();
    const [services, forecast] = platform.saved.map((f) => f.contents.split('\r\n'));
    expect(platform.saved[0]!.suggestedName).toMatch(/^food-delivery-platform-cost-per-service-/);
    expect(services![0]).toBe('\uFEFF# headroom,cost per service');
    expect(services).toContain(
      'service,shared-host,vm-per-service,container-cluster,serverless,serverless-containers',
    );
    expect(forecast![0]).toBe('\uFEFF# headroom,forecast');
    expect(forecast).toContain('# forecast start,2027-01');
    expect(forecast!.filter((l) => /^\d+,\d{4}-\d{2},/.test(l))).toHaveLength(24);
    // The comparison export gets the byte order mark too.
    await app.exports.exportComparison(toCsv([['strategy'], ['shared-host']]));
    expect(platform.saved[2]!.contents).toBe('\uFEFFstrategy\r\nshared-host\r\n');
  });

  it('a read-only store (written by a newer Headroom) keeps edits on screen and says they are not saved', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.storeStatus = { readOnly: true, message: 'newer' };
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 77);
    await app.plan.flush();
    expect(app.plan.saveState).toBe('read-only');
    expect(cpuOf(store, id)).not.toBe(77);
    expect(app.plan.report).not.toBeNull();
  });

  it('menu commands map to actions', async () => {
    const { app, store } = await started();
    await app.command('new-plan');
    expect(store.rows.size).toBe(2);
    expect(app.plan.current?.name).toBe('New plan');
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
    const id = app.plan.currentId!;
    expect(app.plan.saveState).toBe('saved');
    worker.held = true;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    expect(app.plan.evaluating).toBe(true);
    expect(app.plan.saveState).toBe('saving');
    // flush() covers the edit although its evaluation has not finished, and resolves only once it is committed.
    let release!: () => void;
    store.hold = new Promise((r) => (release = r));
    let flushed = false;
    const flushing = app.plan.flush().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(flushed).toBe(false);
    expect(app.plan.saveState).toBe('saving');
    release();
    await flushing;
    expect(cpuOf(store, id)).toBe(42);
    expect(app.plan.saveState).toBe('saved');
    worker.release();
    await expect.poll(() => app.plan.evaluating).toBe(false);
    expect(app.plan.saveState).toBe('saved');
  });

  it('a second flush while a write is under way waits for it and then writes the newer edit', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    let release!: () => void;
    store.hold = new Promise((r) => (release = r));
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    const first = app.plan.flush();
    await new Promise((r) => setTimeout(r, 0)); // the write of 42 is under way
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 43);
    const second = app.plan.flush();
    release();
    await Promise.all([first, second]);
    expect(cpuOf(store, id)).toBe(43);
    expect(store.rows.get(id)!.revision).toBe(3);
    expect(app.plan.saveState).toBe('saved');
  });

  it('a failed write says Not saved and keeps the edit on screen', async () => {
    const { app, store } = await started();
    store.hold = Promise.reject(new StoreError('quota', 'Storage is full'));
    store.hold.catch(() => {});
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    await app.plan.flush();
    expect(app.plan.saveState).toBe('error');
    expect(app.notices.items.at(-1)?.text).toMatch(/could not be saved: Storage is full/);
    store.hold = null;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 43);
    expect(app.plan.saveState).toBe('saving');
    await app.plan.flush();
    expect(app.plan.saveState).toBe('saved');
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
    const id = a.plan.currentId!;
    expect(b.plan.currentId).toBe(id);
    b.plan.edit(['services', 0, 'memoryMiB'], 1024);
    await b.plan.flush();
    // B's undo history now holds an older version; A changes the plan.
    a.plan.edit(['services', 0, 'memoryMiB'], 4096);
    await a.plan.flush();
    await expect.poll(() => (b.plan.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(4096);
    expect(b.notices.items.at(-1)?.text).toMatch(/changed in another window/);
    expect(b.plan.saveState).toBe('saved');
    expect(b.plan.canUndo).toBe(false);
    b.plan.undo();
    expect((b.plan.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(4096);
    // B edits on top of A's version: no conflict, the revision moves on.
    b.plan.edit(['services', 0, 'cpuMsPerRequest'], 7);
    await b.plan.flush();
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 4096, cpuMsPerRequest: 7 });
    expect(storeA.rows.size).toBe(1);
  });

  it('two windows editing the same plan: both versions are kept, the later one as a copy named so, and its window is told', async () => {
    const { a, b, storeA } = await twoWindows();
    const id = a.plan.currentId!;
    const name = a.plan.current!.name;
    // A's edit is pending (not yet written) when B's is committed.
    a.plan.edit(['services', 0, 'cpuMsPerRequest'], 11);
    b.plan.edit(['services', 0, 'memoryMiB'], 2048);
    await b.plan.flush();
    await a.plan.flush();
    await expect.poll(() => storeA.rows.size).toBe(2);
    // B's version stays under the plan's id; A's edits are a copy, open in A, with A's undo history.
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 2048 });
    expect(docOf(storeA, id).services[0]!.cpuMsPerRequest).not.toBe(11);
    const copy = [...storeA.rows.values()].find((r) => r.id !== id)!;
    expect(copy.name).toMatch(new RegExp(`^${name} \\(conflicted copy, \\d\\d:\\d\\d\\)$`));
    expect(docOf(storeA, copy.id).name).toBe(copy.name);
    expect(docOf(storeA, copy.id).services[0]).toMatchObject({ cpuMsPerRequest: 11 });
    expect(docOf(storeA, copy.id).services[0]!.memoryMiB).not.toBe(2048);
    expect(a.plan.currentId).toBe(copy.id);
    expect(a.plan.saveState).toBe('saved');
    expect(a.plan.canUndo).toBe(true);
    const notice = a.notices.items.find((n) => n.text.includes('another window'))!;
    expect(notice.text).toContain(`“${name}”`);
    expect(notice.text).toContain(`“${copy.name}”`);
    expect(notice.action?.label).toBe('Open the other version');
    notice.action!.run();
    await expect.poll(() => a.plan.currentId).toBe(id);
    expect((a.plan.doc?.services as { memoryMiB: number }[])[0]!.memoryMiB).toBe(2048);
    // B hears of the copy and lists it.
    await expect.poll(() => b.library.plans.length).toBe(2);
    expect(b.plan.currentId).toBe(id);
  });

  it('an edit pending when another window’s change arrives goes the same way (never over the other version)', async () => {
    const { a, b, storeA } = await twoWindows();
    const id = a.plan.currentId!;
    // A's write is held (a slow disk); B saves meanwhile; A's save is based on the old revision.
    let release!: () => void;
    storeA.hold = new Promise<void>((r) => (release = r));
    a.plan.edit(['services', 0, 'cpuMsPerRequest'], 12);
    const writing = a.plan.flush();
    b.plan.edit(['services', 0, 'memoryMiB'], 2048);
    await b.plan.flush();
    storeA.hold = null;
    release();
    await writing;
    await expect.poll(() => storeA.rows.size).toBe(2);
    expect(docOf(storeA, id).services[0]).toMatchObject({ memoryMiB: 2048 });
    expect(a.plan.current?.name).toMatch(/conflicted copy/);
    expect(docOf(storeA, a.plan.currentId!).services[0]).toMatchObject({ cpuMsPerRequest: 12 });
  });
});

describe('drafts (issue 9 §1): an invalid value never freezes the plan or loses edits', () => {
  type Svc = { name: string; cpuMsPerRequest: unknown; memoryMiB: unknown; durationMs: unknown };
  const services = (doc: unknown) => (doc as { services: Svc[] }).services;

  it('every edit after an invalid one is saved (as the draft) and comes back after a reload, with its problems', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    const valid = structuredClone(store.rows.get(id)!.document);
    const report = app.plan.report;
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.plan.edit(['services', 1, 'durationMs'], 77);
    app.plan.edit(['name'], 'Renamed while invalid');
    await app.plan.flush();
    expect(app.plan.saveState).toBe('draft');
    expect(app.plan.hasDraft).toBe(true);
    const row = store.rows.get(id)!;
    expect(row.document).toEqual(valid); // the last valid version stays stored
    expect(services(row.draft)[0]!.memoryMiB).toBe('a lot');
    expect(services(row.draft)[1]!.durationMs).toBe(77);
    expect(row.name).toBe('Renamed while invalid');

    // Another start (a reload): the draft opens, with its problems, and the last valid version's results.
    const next = await started(store);
    expect(next.app.plan.currentId).toBe(id);
    expect(services(next.app.plan.doc)[0]!.memoryMiB).toBe('a lot');
    expect(services(next.app.plan.doc)[1]!.durationMs).toBe(77);
    expect(next.app.plan.valid).toBe(false);
    expect(next.app.plan.issuesAt(['services', 0, 'memoryMiB'])).toEqual([
      expect.stringMatching(/must be a number/),
    ]);
    expect(next.app.plan.saveState).toBe('draft');
    await expect
      .poll(() => next.app.plan.report?.strategies.map((s) => s.monthlyCost))
      .toEqual(report?.strategies.map((s) => s.monthlyCost));
  });

  it('once the typed plan is valid again it replaces the document and the draft goes', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.plan.flush();
    app.plan.edit(['services', 0, 'memoryMiB'], 1024);
    await app.plan.flush();
    expect(app.plan.saveState).toBe('saved');
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.memoryMiB).toBe(1024);
  });

  it('undo and redo move between the draft and valid versions, each saved as what it is', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 33);
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.plan.flush();
    expect(store.rows.get(id)!.draft).toBeDefined();
    app.plan.undo();
    await app.plan.flush();
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.cpuMsPerRequest).toBe(33);
    app.plan.redo();
    await app.plan.flush();
    expect(services(store.rows.get(id)!.draft)[0]!.memoryMiB).toBe('a lot');
    expect(app.plan.saveState).toBe('draft');
  });

  it('"go back to the last valid version" is one undoable edit that clears the draft', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 33);
    await app.plan.flush();
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.plan.edit(['services', 1, 'durationMs'], 5);
    await app.plan.flush();
    app.plan.restoreLastValid();
    expect(app.plan.valid).toBe(true);
    await app.plan.flush();
    expect(store.rows.get(id)).not.toHaveProperty('draft');
    expect(docOf(store, id).services[0]!.cpuMsPerRequest).toBe(33);
    app.plan.undo();
    expect(services(app.plan.doc)[0]!.memoryMiB).toBe('a lot');
  });

  it('a pod too big for the node type is no plan problem: saved as the plan, shown at its field, only that strategy not costed', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'container', 'memoryMiB'], 16384);
    expect(app.plan.valid).toBe(true);
    expect(app.plan.issuesAt(['services', 0, 'container', 'memoryMiB'])).toEqual([
      expect.stringMatching(
        /^Service instance per container cannot be costed: a pod request of 16384 MiB .*; choose a larger node type/,
      ),
    ]);
    const costed = app.plan.report!.strategies.filter((s) => !s.cannotCost).map((s) => s.id);
    expect(costed).toEqual(['shared-host', 'vm-per-service', 'serverless', 'serverless-containers']);
    await app.plan.flush();
    expect(app.plan.saveState).toBe('saved');
    expect(store.rows.get(id)).not.toHaveProperty('draft');
  });

  it('duplicating a plan with a draft copies the draft too', async () => {
    const { app, store } = await started();
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.plan.flush();
    await app.library.duplicate(id);
    const copy = [...store.rows.values()].find((r) => r.id !== id)!;
    expect(copy.name).toMatch(/copy$/);
    expect((copy.draft as { name: string }).name).toBe(copy.name);
    expect(services(copy.draft)[0]!.memoryMiB).toBe('a lot');
  });

  it('exports are refused while the plan has problems, saying why, never the last valid version silently', async () => {
    const { app, platform } = await started();
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    await app.exports.exportCsv();
    await app.exports.exportJson();
    expect(platform.saved).toEqual([]);
    const said = app.notices.items.filter((n) => n.kind === 'error').map((n) => n.text);
    expect(said).toEqual([
      expect.stringMatching(
        /^Not exported: this plan has 1 problem \(first: services\[0\]\.memoryMiB: .*the CSV report would show the last valid version/,
      ),
      expect.stringMatching(/^Not exported: .*the plan file would show the last valid version/),
    ]);
    app.plan.restoreLastValid();
    await app.exports.exportCsv();
    expect(platform.saved.map((f) => f.mimeType)).toEqual(['text/csv']);
  });

  it('the journal covers drafts: an invalid edit made just before the page went away is recovered as the draft', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.plan.currentId!;
    store.hold = new Promise(() => {});
    app.plan.edit(['services', 0, 'memoryMiB'], 'a lot');
    app.plan.pageHidden();
    await new Promise((r) => setTimeout(r, 0));
    app.dispose();
    store.hold = null;
    const next = await started(store, journal);
    expect(services(store.rows.get(id)!.draft)[0]!.memoryMiB).toBe('a lot');
    expect(services(next.app.plan.doc)[0]!.memoryMiB).toBe('a lot');
    expect(journal.items.size).toBe(0);
  });
});

describe('write-ahead journal: an edit survives the page going away before its write commits', () => {
  it('writes the pending edit to the journal when the page is hidden, and replays it at the next start', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.plan.currentId!;
    const revision = store.rows.get(id)!.revision;
    // The page goes away: the IndexedDB write started now never commits.
    store.hold = new Promise(() => {});
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.plan.pageHidden();
    expect(journal.items.size).toBe(1);
    await new Promise((r) => setTimeout(r, 0)); // the write is under way, and never commits
    expect(cpuOf(store, id)).not.toBe(42);
    app.dispose(); // the page is gone

    store.hold = null;
    const next = await started(store, journal);
    expect(cpuOf(store, id)).toBe(42);
    expect(store.rows.get(id)!.revision).toBe(revision! + 1);
    expect(journal.items.size).toBe(0);
    expect((next.app.plan.doc?.services as { cpuMsPerRequest: number }[])[0]!.cpuMsPerRequest).toBe(42);
    expect(next.app.plan.saveState).toBe('saved');
  });

  it('a journal entry whose write did commit is dropped, not applied twice', async () => {
    const journal = memoryStorage();
    const { app, store } = await started(memoryStore(), journal);
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.plan.pageHidden();
    await app.plan.flush();
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
    const id = app.plan.currentId!;
    store.hold = new Promise(() => {});
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.plan.pageHidden();
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
    expect(next.app.notices.items.some((n) => n.text.includes(copy.name))).toBe(true);
  });

  it('an entry is replayed only once the page that wrote it is gone (it may still commit it), then shown', async () => {
    const journal = memoryStorage();
    const locks = fakeLocks();
    const db = memoryDb();
    const store = memoryStore(db);
    const first = new AppState(store, fakePlatform(), new EngineClient(() => null), { journal, locks });
    await first.init();
    const id = first.plan.currentId!;
    store.hold = new Promise(() => {});
    first.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    first.plan.pageHidden();
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
      .poll(() => (next.plan.doc?.services as { cpuMsPerRequest: number }[])[0]!.cpuMsPerRequest)
      .toBe(42);
    expect(journal.items.size).toBe(0);
    expect(other.rows.size).toBe(1);
    expect(next.plan.saveState).toBe('saved');
  });

  it('a plan too large for the journal is still saved; nothing breaks and the indicator does not lie', async () => {
    const journal = memoryStorage(100);
    const { app, store } = await started(memoryStore(), journal);
    const id = app.plan.currentId!;
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 42);
    app.plan.pageHidden();
    expect(journal.items.size).toBe(0);
    expect(app.plan.saveState).toBe('saving');
    await app.plan.flush();
    expect(cpuOf(store, id)).toBe(42);
    expect(app.plan.saveState).toBe('saved');
  });
});
