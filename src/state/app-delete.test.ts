// Deleting plans with storage full (issue 8 §4), against the real store with a full disk injected as Dexie
// middleware: the delete that has no room for its backup asks to go ahead without one, and its Undo still works.
import { describe, expect, it } from 'vitest';
import { openStore, PERIODIC_BACKUP_MS } from '../db/index.ts';
import { freshIdb, storageFull } from '../db/test-helpers.ts';
import type { FileToSave, Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { validatePlanDocument } from './store.ts';

const saved: FileToSave[] = [];
const platform: Platform = {
  kind: 'browser',
  saveFile: async (file) => (saved.push(file), { saved: true }),
  openFile: async () => null,
  onMenuCommand: () => () => undefined,
  onOpenFile: () => () => undefined,
  onFlushRequest: () => () => undefined,
  printReport: async () => ({ saved: false }),
};

/** A started app with two plans, a periodic backup due, and storage full for `tables` (default: everything). */
async function fullApp(tables?: string[]) {
  let t = Date.UTC(2026, 10, 22, 9);
  let full = false;
  const store = await openStore({
    name: 'app-delete',
    validate: validatePlanDocument,
    ...freshIdb(),
    now: () => t,
    middleware: [storageFull(() => full, tables)],
    requestPersistence: false,
  });
  const app = new AppState(store, platform, new EngineClient(() => null));
  await app.init();
  await app.library.createPlan('Second');
  t += PERIODIC_BACKUP_MS;
  full = true;
  const victim = app.library.plans.find((p) => p.name === 'Second')!;
  const ids = async () => (await store.listPlans()).map((p) => p.id);
  return { app, store, victim, ids };
}

describe('deleting a plan with storage full', () => {
  it('says there is no room for a backup and, once confirmed, deletes without one', async () => {
    const { app, store, victim, ids } = await fullApp();
    const backups = await store.listBackups();
    await app.library.remove(victim.id);
    // Not deleted yet: the user is asked.
    expect(await ids()).toContain(victim.id);
    expect(app.library.plans.some((p) => p.id === victim.id)).toBe(true);
    const ask = app.notices.items.at(-1)!;
    expect(ask.kind).toBe('error');
    expect(ask.text).toContain('no room for a backup');
    expect(ask.action?.label).toBe('Delete without backup');
    ask.action!.run();
    await expect.poll(ids).not.toContain(victim.id);
    expect(app.library.plans.some((p) => p.id === victim.id)).toBe(false);
    expect(app.notices.items.at(-1)!.text).toBe('Deleted “Second” without a backup.');
    expect(app.notices.items.at(-1)!.action?.label).toBe('Undo');
    expect(await store.listBackups()).toEqual(backups);
  });

  it('the delete’s Undo puts the plan back though there is still no room for a backup', async () => {
    const { app, victim, ids } = await fullApp(['backups']);
    await app.library.remove(victim.id);
    app.notices.items.at(-1)!.action!.run();
    await expect.poll(ids).not.toContain(victim.id);
    const undo = app.notices.items.at(-1)!.action!;
    expect(undo.label).toBe('Undo');
    undo.run();
    await expect.poll(ids).toContain(victim.id);
    await expect.poll(() => app.library.plans.some((p) => p.id === victim.id)).toBe(true);
    expect(app.notices.items.at(-1)!.text).toBe('Restored “Second”.');
  });

  it('when even the plan does not fit back (Chromium frees deleted space only later), Undo offers it as a file', async () => {
    const { app, victim, ids } = await fullApp();
    await app.library.remove(victim.id);
    app.notices.items.at(-1)!.action!.run();
    await expect.poll(ids).not.toContain(victim.id);
    app.notices.items.at(-1)!.action!.run(); // Undo
    await expect.poll(() => app.notices.items.at(-1)?.action?.label).toBe('Save it as a file');
    const notice = app.notices.items.at(-1)!;
    expect(notice.kind).toBe('error');
    expect(notice.text).toContain('Could not put “Second” back');
    notice.action!.run();
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]!.suggestedName).toMatch(/^second-.*\.json$/);
    expect(JSON.parse(saved[0]!.contents)).toEqual(victim.document);
  });
});
