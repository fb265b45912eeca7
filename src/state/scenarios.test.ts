// Scenarios that stay true (issue 9 §7), through the app against the real store: the knobs are recorded as changes,
// edits in a scenario become overrides, the scenario follows its base, every change is said in words, undo covers
// the knobs, and Detach makes it a plan of its own.
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/index.ts';
import { freshIdb } from '../db/test-helpers.ts';
import type { Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { validatePlanDocument } from './store.ts';
import { servicesOf } from './doc.ts';

const platform: Platform = {
  kind: 'browser',
  saveFile: async () => ({ saved: true }),
  openFile: async () => null,
  onMenuCommand: () => () => undefined,
  onOpenFile: () => () => undefined,
  onFlushRequest: () => () => undefined,
  printReport: async () => ({ saved: false }),
};

let n = 0;
async function started() {
  const store = await openStore({
    name: `app-scenarios-${++n}`,
    validate: validatePlanDocument,
    ...freshIdb(),
    requestPersistence: false,
    broadcast: false,
  });
  const app = new AppState(store, platform, new EngineClient(() => null), { journal: null, locks: null });
  await app.init();
  return { app, store };
}

const peakOf = (doc: unknown, i: number) => Math.max(...(servicesOf(doc)[i]!.trafficRps as number[]));
const words = (app: AppState) => app.scenarios.outcomes.map((o) => o.text);

describe('scenarios', () => {
  it('records the knobs as changes, follows the base, says its changes in words, and detaches', async () => {
    const { app, store } = await started();
    const baseId = app.plan.currentId!;
    const basePeak = peakOf(app.plan.doc, 0);
    await app.library.createScenario();
    const id = app.plan.currentId!;
    expect(app.plan.current).toMatchObject({ kind: 'scenario', baseId, changes: [] });

    app.plan.applyKnobs({
      trafficFactor: 1.5,
      settings: [{ path: ['strategies', 'vmPerService', 'discount'], value: 0.3 }],
    });
    expect(peakOf(app.plan.doc, 0)).toBeCloseTo(basePeak * 1.5, 3);
    expect(words(app)).toEqual(['traffic ×1.5', 'VM discount 30%']);
    // An edit in the scenario becomes an override of that service.
    const name = String(servicesOf(app.plan.doc)[1]!.name);
    app.plan.edit(['services', 1, 'memoryMiB'], 1536);
    expect(words(app)).toEqual(['traffic ×1.5', 'VM discount 30%', `${name}: memory 1536 MiB`]);
    await app.plan.flush();
    expect((await store.getPlan(id))?.changes).toHaveLength(3);

    // Undo takes the override back, then the knobs; redo brings them again.
    app.plan.undo();
    expect(words(app)).toEqual(['traffic ×1.5', 'VM discount 30%']);
    app.plan.undo();
    expect(words(app)).toEqual([]);
    expect(peakOf(app.plan.doc, 0)).toBe(basePeak);
    app.plan.redo();
    app.plan.redo();
    expect(words(app)).toHaveLength(3);
    await app.plan.flush();

    // The base changes (its first service's curve doubles): the scenario follows, its changes still applied.
    await app.plan.open(baseId);
    const curve = (servicesOf(app.plan.doc)[0]!.trafficRps as number[]).map((v) => v * 2);
    app.plan.edit(['services', 0, 'trafficRps'], curve);
    await app.plan.flush();
    const followed = await store.getPlan(id);
    expect(peakOf(followed!.document, 0)).toBeCloseTo(basePeak * 2 * 1.5, 3);
    expect(servicesOf(followed!.document)[1]!.memoryMiB).toBe(1536);

    // The comparison costs the scenario as it is now, and it can still say its changes.
    await app.comparison.compare([baseId, id]);
    const [base, what] = [baseId, id].map((x) => app.comparison.reports.get(x)!);
    expect(what!.strategies[3]!.monthlyCost).toBeGreaterThan(base!.strategies[3]!.monthlyCost);
    const row = app.library.plans.find((p) => p.id === id)!;
    expect(app.scenarios.outcomesOf(row, app.library.plans).map((o) => o.text)).toEqual([
      'traffic ×1.5',
      'VM discount 30%',
      `${name}: memory 1536 MiB`,
    ]);

    // Renamed in the base: the override no longer applies, and says so.
    await app.plan.open(baseId);
    app.plan.edit(['services', 1, 'name'], `${name}-v2`);
    await app.plan.flush();
    await app.plan.open(id);
    expect(app.scenarios.outcomes.map((o) => o.notApplied)).toEqual([
      null,
      null,
      `“${name}” is no longer in the base plan`,
    ]);

    await app.plan.detach();
    const detached = await store.getPlan(id);
    expect(detached).toMatchObject({ kind: 'plan', baseId: null });
    expect(detached?.changes).toBeUndefined();
    expect(detached?.note).toMatch(
      /^Detached from “.+” on \d{4}-\d{2}-\d{2}, with its changes: traffic ×1\.5; VM/,
    );
    // Detached, it no longer follows.
    await app.plan.open(baseId);
    app.plan.edit(['services', 0, 'cpuMsPerRequest'], 99);
    await app.plan.flush();
    expect(servicesOf((await store.getPlan(id))!.document)[0]!.cpuMsPerRequest).not.toBe(99);
    store.close();
  });

  it('a scenario of a scenario starts from its changes, on the same base; Remove takes one change away', async () => {
    const { app, store } = await started();
    const baseId = app.plan.currentId!;
    await app.library.createScenario();
    app.plan.applyKnobs({ trafficFactor: 2, growthPerMonth: 0.05 });
    await app.plan.flush();
    await app.library.createScenario();
    expect(app.plan.current).toMatchObject({ kind: 'scenario', baseId });
    expect(words(app)).toEqual(['traffic ×2', 'growth 5% a month, every service']);
    app.plan.setScenarioChanges(app.scenarios.changes.filter((c) => c.kind !== 'traffic'));
    expect(words(app)).toEqual(['growth 5% a month, every service']);
    await app.plan.flush();
    expect((await store.getPlan(app.plan.currentId!))?.changes).toEqual([{ kind: 'growth', perMonth: 0.05 }]);
    // Setting a knob back to the base's value ("1", blank) removes it rather than recording a no-op.
    app.plan.applyKnobs({ growthPerMonth: null });
    expect(app.scenarios.changes).toEqual([]);
    store.close();
  });
});
