import { describe, expect, it } from 'vitest';
import { openStore } from '../db/index.ts';
import { freshIdb, testValidate } from '../db/test-helpers.ts';
import type { Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { HelpState, help } from './help.svelte.ts';

describe('Help', () => {
  it('opens at the guide, follows links to pages and headings, and counts each visit', () => {
    const h = new HelpState();
    expect(h.open).toBe(false);
    h.show();
    expect(h.open).toBe(true);
    expect(h.place).toEqual({ doc: 'guide', anchor: null });
    const before = h.visits;
    h.go('cli', 'csv-output');
    h.go('cli', 'csv-output');
    expect(h.place).toEqual({ doc: 'cli', anchor: 'csv-output' });
    expect(h.visits).toBe(before + 2); // the same link twice still scrolls to it
    h.close();
    expect(h.open).toBe(false);
  });

  it('the desktop menu’s User Guide (F1) opens the full guide inside the app', async () => {
    const store = await openStore({ name: 'help', validate: testValidate, ...freshIdb() });
    const platform: Platform = {
      kind: 'browser',
      saveFile: async () => ({ saved: false }),
      openFile: async () => null,
      onMenuCommand: () => () => undefined,
      onOpenFile: () => () => undefined,
      onFlushRequest: () => () => undefined,
      printReport: async () => ({ saved: false }),
    };
    const app = new AppState(store, platform, new EngineClient(() => null), { journal: null });
    help.close();
    await app.command('open-guide');
    expect(help.open).toBe(true);
    expect(help.place.doc).toBe('guide');
    help.close();
    store.close();
  });
});
