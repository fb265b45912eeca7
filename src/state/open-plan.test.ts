// The open plan's public surface, reached as the components reach it (app.plan), on an in-memory store. The
// saving, drafts, journal and two-window cases are in app.test.ts.
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { fakePlatform, memoryStore } from './test-support.ts';

async function opened() {
  const store = memoryStore();
  const app = new AppState(store, fakePlatform(), new EngineClient(() => null), { journal: null });
  await app.init();
  return { app, plan: app.plan, store };
}

describe('OpenPlan', () => {
  it('an edit changes the document at once, is saving until flushed, and is one undo step per field', async () => {
    const { plan, store } = await opened();
    const id = plan.currentId!;
    expect(plan.current?.id).toBe(id);
    expect([plan.saveState, plan.canUndo, plan.valid]).toEqual(['saved', false, true]);
    plan.edit(['services', 0, 'cpuMsPerRequest'], 40);
    plan.edit(['services', 0, 'cpuMsPerRequest'], 41);
    expect(plan.saveState).toBe('saving');
    await plan.flush();
    expect(plan.saveState).toBe('saved');
    expect(
      (store.rows.get(id)!.document as { services: { cpuMsPerRequest: number }[] }).services[0]!
        .cpuMsPerRequest,
    ).toBe(41);
    plan.undo();
    expect(plan.canUndo).toBe(false);
    expect(plan.canRedo).toBe(true);
    plan.redo();
    expect((plan.doc!.services as { cpuMsPerRequest: number }[])[0]!.cpuMsPerRequest).toBe(41);
  });

  it('an edit of a valid plan leaves the problems as they were: the same (empty) lists, so no field reruns', async () => {
    const { plan } = await opened();
    const path = ['services', 0, 'name'];
    const before = { at: plan.issuesAt(path), field: plan.fieldIssues, all: plan.issues };
    const report = plan.report;
    plan.edit(['services', 0, 'cpuMsPerRequest'], 40);
    await expect.poll(() => plan.report).not.toBe(report);
    expect(plan.issuesAt(path)).toBe(before.at);
    expect(plan.fieldIssues).toBe(before.field);
    expect(plan.issues).toBe(before.all);
  });

  it('services are added, duplicated, moved and removed as undoable edits', async () => {
    const { plan } = await opened();
    const count = () => (plan.doc!.services as unknown[]).length;
    const n = count();
    expect(plan.addService()).toBe(n);
    plan.duplicateService(n);
    plan.moveService(n + 1, 0);
    expect(count()).toBe(n + 2);
    plan.removeService(0);
    expect(count()).toBe(n + 1);
  });

  it('a problem is shown at its field and can be revealed; the last valid version comes back', async () => {
    const { plan } = await opened();
    plan.edit(['services', 0, 'cpuMsPerRequest'], -1);
    await expect.poll(() => plan.valid).toBe(false);
    expect(plan.issuesAt(['services', 0, 'cpuMsPerRequest'])).toHaveLength(1);
    expect(plan.issuesAt('services[0].cpuMsPerRequest')).toHaveLength(1);
    plan.revealProblem('services[0].cpuMsPerRequest');
    plan.revealProblem('services[0].cpuMsPerRequest');
    expect(plan.reveal).toEqual({ path: 'services[0].cpuMsPerRequest', seq: 2 });
    await plan.flush();
    expect(plan.saveState).toBe('draft');
    expect(plan.hasDraft).toBe(true);
    plan.restoreLastValid();
    await plan.flush();
    expect([plan.valid, plan.saveState, plan.hasDraft]).toEqual([true, 'saved', false]);
  });

  it('close leaves nothing open and shows the plans list', async () => {
    const { app, plan } = await opened();
    plan.edit(['name'], 'Renamed');
    await plan.flush();
    plan.close();
    expect([plan.currentId, plan.doc, plan.report, plan.canUndo, plan.saveState]).toEqual([
      null,
      null,
      null,
      false,
      'saved',
    ]);
    expect(app.view).toBe('plans');
  });
});
