// Scenarios in the store (data format 3): a scenario row carries its recorded changes, a plan none; data written
// before format 3 (an older backup, an older "export all" file) brings its snapshot scenarios back as plans of their
// own, as the migration does, rather than being refused.
import { describe, expect, it } from 'vitest';
import { openStore, recordIssues, type StoreOptions } from './index.ts';
import { EXPORT_VERSION } from './export.ts';
import { freshIdb, record, testValidate } from './test-helpers.ts';
import type { PlanRecord } from './types.ts';

let n = 0;
const opts = (): StoreOptions => ({ name: `scenarios-${++n}`, validate: testValidate, ...freshIdb() });

const snapshot: PlanRecord = { ...record('s', 'Plan a ×2'), kind: 'scenario', baseId: 'a' };
const scenario: PlanRecord = { ...snapshot, changes: [{ kind: 'traffic', factor: 2 }] };

describe('scenario rows', () => {
  it('a scenario needs its base and its changes; a plan has no changes', () => {
    expect(recordIssues(scenario, testValidate)).toEqual([]);
    expect(recordIssues(snapshot, testValidate)).toEqual([
      { path: 'changes', message: 'is missing (a scenario records its changes)' },
    ]);
    expect(recordIssues({ ...scenario, baseId: null }, testValidate)).toEqual([
      { path: 'baseId', message: 'must be the id of the scenario’s base plan' },
    ]);
    expect(recordIssues({ ...record('a'), changes: [] }, testValidate)).toEqual([
      { path: 'changes', message: 'must be absent: only a scenario records changes' },
    ]);
    expect(
      recordIssues(
        { ...scenario, changes: [{ kind: 'service', service: 'x', path: ['memoryMiB'], value: NaN }] },
        testValidate,
      ),
    ).toEqual([{ path: 'changes', message: 'must hold only finite numbers' }]);
  });

  it('an "export all" file from before format 3 restores its snapshot scenarios as detached plans', async () => {
    const store = await openStore(opts());
    const old = {
      kind: 'headroom-data',
      version: 1,
      exportedAt: '2026-11-01T00:00:00.000Z',
      plans: [record('a'), snapshot],
      settings: [],
    };
    const r = await store.restoreFromExport(JSON.stringify(old));
    expect(r.ok).toBe(true);
    const s = (await store.listPlans()).find((p) => p.id === 's')!;
    expect([s.kind, s.baseId, s.name, s.changes]).toEqual(['plan', null, 'Plan a ×2', undefined]);
    expect(s.note).toMatch(/^Detached from “Plan a” when scenarios began to record their changes/);
    // This build's own exports carry the changes, marked with the version that does.
    await store.putPlan({ ...scenario, id: 't', revision: 0 });
    const now = JSON.parse(await store.exportAll()) as { version: number; plans: PlanRecord[] };
    expect(now.version).toBe(EXPORT_VERSION);
    expect(now.plans.find((p) => p.id === 't')?.changes).toEqual(scenario.changes);
    store.close();
  });
});
