import { describe, expect, it } from 'vitest';
import type { HeadroomStore, PlanRecord } from '../db/types.ts';
import type { FileToSave, Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { validatePlanDocument } from './store.ts';

/** An in-memory store that validates like the real one. */
function memoryStore(): HeadroomStore & {
  rows: Map<string, PlanRecord>;
  settings: Map<string, unknown>;
  imported: string[];
} {
  const rows = new Map<string, PlanRecord>();
  const settings = new Map<string, unknown>();
  const imported: string[] = [];
  return {
    rows,
    settings,
    imported,
    status: () => ({ readOnly: false, message: null }),
    listPlans: async () => [...rows.values()].map((r) => structuredClone(r)),
    getPlan: async (id) => structuredClone(rows.get(id)),
    async putPlan(record) {
      const issues = validatePlanDocument(record.document);
      if (issues.length > 0) throw new Error(`invalid: ${issues[0]!.path}`);
      rows.set(record.id, structuredClone(record));
    },
    async putPlans(records) {
      for (const r of records) await this.putPlan(r);
    },
    async importPlans(records) {
      imported.push(...records.map((r) => r.id));
      await this.putPlans(records);
    },
    onStatusChange: () => () => {},
    async deletePlan(id) {
      const r = rows.get(id);
      rows.delete(id);
      return r;
    },
    async undeletePlan(record) {
      if (rows.has(record.id)) throw new Error('exists');
      await this.putPlan(record);
    },
    getSetting: async <T>(key: string) => settings.get(key) as T | undefined,
    setSetting: async (key, value) => void settings.set(key, value),
    close() {},
  };
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

async function started() {
  const store = memoryStore();
  const platform = fakePlatform();
  const app = new AppState(store, platform, new EngineClient(() => null));
  await app.init();
  return { app, store, platform };
}

const cpuOf = (store: ReturnType<typeof memoryStore>, id: string) =>
  (store.rows.get(id)!.document as { services: { cpuMsPerRequest: number }[] }).services[0]!.cpuMsPerRequest;

describe('AppState', () => {
  it('first run stores and opens the example plan with a report and a forecast', async () => {
    const { app, store } = await started();
    expect(store.rows.size).toBe(1);
    expect(app.view).toBe('editor');
    expect(app.report?.strategies).toHaveLength(4);
    await expect.poll(() => app.forecast.length).toBe(12);
    // A second start does not seed again, even with no plans left.
    await app.remove(app.currentId!);
    const again = new AppState(store, fakePlatform(), new EngineClient(() => null));
    await again.init();
    expect(store.rows.size).toBe(0);
    expect(again.view).toBe('plans');
  });

  it('saves a valid edit, never an invalid one, and keeps the last valid results', async () => {
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
    expect(app.saveState).toBe('unsaved');
    expect(app.report).toBe(report);
    await app.flush();
    expect(cpuOf(store, id)).toBe(42);
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
    expect(platform.saved[0]!.contents.split('\r\n')[0]).toBe(
      'strategy,service,component,unit,quantity,unit_price,cost,currency',
    );
    expect(JSON.parse(platform.saved[1]!.contents)).toEqual(app.doc);
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
