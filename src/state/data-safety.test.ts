import { describe, expect, it } from 'vitest';
import { openStore } from '../db/index.ts';
import { freshIdb, record, testValidate } from '../db/test-helpers.ts';
import type { FileToSave, OpenedFile, Platform } from '../platform/types.ts';
import { DataSafetyState, dataFileName } from './data-safety.svelte.ts';

function fakePlatform(open: OpenedFile | null = null): Platform & { saved: FileToSave[] } {
  const saved: FileToSave[] = [];
  return {
    kind: 'browser',
    saved,
    saveFile: async (f) => (saved.push(f), { saved: true }),
    openFile: async () => open,
    onMenuCommand: () => () => undefined,
    onOpenFile: () => () => undefined,
    onFlushRequest: () => () => undefined,
    printReport: async () => ({ saved: false }),
  };
}

async function setup(open: OpenedFile | null = null, pendingEdit = false) {
  const store = await openStore({ name: 'state', validate: testValidate, ...freshIdb() });
  await store.putPlans([record('a')]);
  // No automatic backup of an empty database: the second write takes the first one (holding "a").
  await store.putPlans([record('b')]);
  const platform = fakePlatform(open);
  let replaced = 0;
  // Stands for the app's pending autosave: an edit written just before the restore begins.
  const beforeReplace = async () => {
    if (pendingEdit) await store.putPlan(record('pending'));
  };
  const state = new DataSafetyState({
    beforeReplace,
    store: async () => store,
    platform: () => platform,
    persistence: async () => ({ state: 'persisted', usage: 10, quota: 100 }),
    now: () => Date.UTC(2026, 10, 22, 12),
    onReplaced: () => replaced++,
  });
  await state.load();
  return { store, platform, state, replaced: () => replaced };
}

describe('DataSafetyState', () => {
  it('loads status, persistence, backups and quarantine', async () => {
    const { state } = await setup();
    expect(state.loaded).toBe(true);
    expect(state.status.readOnly).toBe(false);
    expect(state.persistence?.state).toBe('persisted');
    expect(state.backups.map((b) => b.reason)).toEqual(['periodic']);
    expect(state.quarantine).toEqual([]);
  });

  it('exports all data through the platform as one dated JSON file', async () => {
    const { state, platform } = await setup();
    await state.exportAll();
    expect(platform.saved).toHaveLength(1);
    expect(platform.saved[0]!.suggestedName).toBe('headroom-data-2026-11-22.json');
    expect(dataFileName(Date.UTC(2026, 0, 5))).toBe('headroom-data-2026-01-05.json');
    const data = JSON.parse(platform.saved[0]!.contents) as { plans: { id: string }[] };
    expect(data.plans.map((p) => p.id).sort()).toEqual(['a', 'b']);
  });

  it('restores from a file, tells the app, and can undo it', async () => {
    const other = await openStore({ name: 'other', validate: testValidate, ...freshIdb() });
    await other.putPlan(record('z'));
    const file = { name: 'backup.json', contents: await other.exportAll() };
    const { state, store, replaced } = await setup(file, true);
    await state.askRestoreFile();
    // Nothing replaced until the user confirms; the question names what goes and what comes.
    expect((await store.listPlans()).map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(state.pendingRestore).toMatchObject({ kind: 'file', name: 'backup.json', currentPlans: 2 });
    await state.confirmRestore();
    expect(state.pendingRestore).toBeNull();
    expect(state.message?.kind).toBe('info');
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['z']);
    expect(replaced()).toBe(1);
    expect(state.undoBackupId).not.toBeNull();
    await state.undoRestore();
    // The edit pending when the restore began was written first, so the restore's backup kept it.
    expect((await store.listPlans()).map((p) => p.id).sort()).toEqual(['a', 'b', 'pending']);
    expect(replaced()).toBe(2);
  });

  it('an invalid file lists its problems and changes nothing', async () => {
    const { state, store } = await setup({ name: 'bad.json', contents: '{"kind":"headroom-data"}' });
    await state.askRestoreFile();
    await state.confirmRestore();
    expect(state.message?.kind).toBe('error');
    expect(state.message?.text).toContain('nothing was changed');
    expect(state.restoreIssues.map((i) => i.path)).toContain('plans');
    expect((await store.listPlans()).map((p) => p.id).sort()).toEqual(['a', 'b']);
  });

  it('restores a backup from the list, only once the user confirms', async () => {
    const { state, store } = await setup();
    const backupOfA = state.backups[0]!;
    expect(backupOfA.planCount).toBe(1);
    await state.askRestoreBackup(backupOfA.id);
    expect(state.pendingRestore).toMatchObject({
      kind: 'backup',
      backup: { id: backupOfA.id },
      currentPlans: 2,
    });
    // Cancelled: nothing happens.
    state.cancelRestore();
    expect(state.pendingRestore).toBeNull();
    await state.confirmRestore();
    expect((await store.listPlans()).map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(state.backups.some((b) => b.reason === 'restore')).toBe(false);
    // Confirmed: replaced, after a backup of what was there.
    await state.askRestoreBackup(backupOfA.id);
    await state.confirmRestore();
    expect((await store.listPlans()).map((p) => p.id)).toEqual(['a']);
    expect(state.backups.some((b) => b.reason === 'restore')).toBe(true);
  });

  it('offers Undo restore until it is dismissed, also on a later visit; dismissing unpins its backup', async () => {
    const { state, store } = await setup();
    await state.askRestoreBackup(state.backups.at(-1)!.id);
    await state.confirmRestore();
    const undoId = state.undoBackupId!;
    expect(state.backups.find((b) => b.id === undoId)?.pinned).toBe(true);
    // Another visit (or a reload): the offer comes back from the stored pin.
    const later = new DataSafetyState({ store: async () => store, platform: () => fakePlatform() });
    await later.load();
    expect(later.undoBackupId).toBe(undoId);
    expect(later.undoBackup?.createdAt).toBe(state.undoBackup?.createdAt);
    await later.dismissUndo();
    expect(later.undoBackupId).toBeNull();
    expect((await store.listBackups()).find((b) => b.id === undoId)?.pinned).toBe(false);
  });

  it('lists backups with their sizes and deletes one; deleting the one an undo needs ends the undo', async () => {
    const { state, store } = await setup();
    expect(state.backups[0]!.bytes).toBeGreaterThan(0);
    await state.backupNow();
    const manual = state.backups.find((b) => b.reason === 'manual')!;
    await state.deleteBackup(manual.id);
    expect(state.backups.map((b) => b.id)).not.toContain(manual.id);
    expect(state.message?.text).toMatch(/^Backup deleted/);
    await state.askRestoreBackup(state.backups.at(-1)!.id);
    await state.confirmRestore();
    const undoId = state.undoBackupId!;
    await state.deleteBackup(undoId);
    expect(state.undoBackupId).toBeNull();
    expect((await store.listBackups()).map((b) => b.id)).not.toContain(undoId);
  });

  it('undoing a restore leaves no undo offered (and nothing pinned)', async () => {
    const { state, store } = await setup();
    await state.askRestoreBackup(state.backups.at(-1)!.id);
    await state.confirmRestore();
    await state.undoRestore();
    expect(state.undoBackupId).toBeNull();
    expect((await store.listBackups()).some((b) => b.pinned)).toBe(false);
    expect((await store.listPlans()).map((p) => p.id).sort()).toEqual(['a', 'b']);
  });

  it('shows a read-only store as such, and a failed action as a message', async () => {
    const { state, store } = await setup();
    store.close();
    await state.backupNow();
    expect(state.message?.kind).toBe('error');
  });
});
