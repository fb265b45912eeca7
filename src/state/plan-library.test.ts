// The plan library on its own, on an in-memory store: the open plan is a stand-in that records what it is asked.
import { Scenarios } from './scenarios.svelte.ts';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../worker/client.ts';
import { Notices } from './notices.svelte.ts';
import { PlanLibrary, type PlanLibraryDeps } from './plan-library.svelte.ts';
import { memoryStore } from './test-support.ts';

function setup(store = memoryStore()) {
  const opened: string[] = [];
  const retained: ((id: string) => boolean)[] = [];
  const plan = {
    currentId: null as string | null,
    current: null,
    doc: null,
    valid: true,
    open: async (id: string) => void opened.push(id),
    flush: async () => {},
    edit: () => {},
    close: () => void (plan.currentId = null),
    externalChange: async () => {},
  };
  const deps = {
    store,
    engine: new EngineClient(() => null),
    notices: new Notices(),
    exports: { saveFile: async () => {} },
    comparison: {
      retain: (exists: (id: string) => boolean) => void retained.push(exists),
    },
    storeStatus: { readOnly: false, message: null },
    plan,
    scenarios: new Scenarios(),
  } satisfies PlanLibraryDeps;
  return { library: new PlanLibrary(deps), store, opened, retained, plan, notices: deps.notices };
}

describe('PlanLibrary', () => {
  it('stores the example once on first run; creates, duplicates and renames with unique names', async () => {
    const { library, store, opened } = setup();
    await library.load();
    expect(library.plans.map((p) => p.name)).toEqual(['Food delivery platform']);
    await library.createPlan();
    await library.createPlan();
    expect(opened).toHaveLength(2);
    const first = library.plans.find((p) => p.name === 'New plan')!;
    await library.duplicate(first.id);
    expect(library.names()).toContain('New plan copy');
    expect(await library.rename(first.id, '  Budget  ')).toBe(true);
    expect(await library.rename(first.id, '   ')).toBe(false);
    expect(store.rows.get(first.id)!.name).toBe('Budget');
    expect(new Set(library.names()).size).toBe(library.plans.length);
    // A second load finds the plans and does not seed again.
    const again = setup(store).library;
    await again.load();
    expect(again.plans).toHaveLength(library.plans.length);
  });

  it('deletes with Undo, closing the plan when it was open and leaving the comparison', async () => {
    const { library, store, plan, notices, retained } = setup();
    await library.load();
    const id = library.plans[0]!.id;
    plan.currentId = id;
    await library.remove(id);
    expect(store.rows.has(id)).toBe(false);
    expect(plan.currentId).toBeNull();
    expect([retained.at(-1)!(id), retained.at(-1)!('other')]).toEqual([false, true]);
    notices.items.at(-1)!.action!.run();
    await expect.poll(() => library.plans.some((p) => p.id === id)).toBe(true);
  });

  it('keeps a conflicting copy of the edits under a name of its own, with its draft', async () => {
    const { library } = setup();
    await library.load();
    const row = library.plans[0]!;
    const copy = await library.saveCopy({ ...row, draft: { ...(row.document as object), services: 'x' } });
    expect(copy.id).not.toBe(row.id);
    expect(copy.name).toMatch(/^Food delivery platform \(conflicted copy, \d\d:\d\d\)$/);
    expect(copy.draft).toMatchObject({ name: copy.name, services: 'x' });
  });

  it('summarizes each plan for the list from its report, refreshing only what changed', async () => {
    const { library } = setup();
    await library.load();
    await library.refreshSummaries();
    const summary = library.summaries.get(library.plans[0]!.id)!;
    expect(summary.services).toBeGreaterThan(0);
    expect(summary.cheapestName).toBeTruthy();
    expect(summary.cost).toBeGreaterThan(0);
    await library.refreshSummaries();
    expect(library.summaries.get(library.plans[0]!.id)).toBe(summary);
  });
});
