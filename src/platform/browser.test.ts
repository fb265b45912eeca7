import { describe, expect, it, vi } from 'vitest';
import {
  FileRefusedError,
  acceptList,
  createBrowserPlatform,
  readChosenFile,
  safeFileName,
} from './browser.ts';
import { selectPlatform } from './index.ts';

/** A minimal document: enough for the download link and the hidden file input. */
function fakeDocument() {
  const clicked: Record<string, unknown>[] = [];
  const attached: unknown[] = [];
  const doc = {
    body: { append: (el: unknown) => attached.push(el) },
    createElement(tag: string) {
      const listeners: Record<string, (() => void)[]> = {};
      const el: Record<string, unknown> = {
        tag,
        style: {},
        files: null,
        setAttribute() {},
        remove() {
          attached.splice(attached.indexOf(el), 1);
        },
        addEventListener(type: string, fn: () => void) {
          (listeners[type] ??= []).push(fn);
        },
        dispatch(type: string) {
          for (const fn of listeners[type] ?? []) fn();
        },
        click() {
          clicked.push({ ...el });
        },
      };
      return el;
    },
  };
  return { doc: doc as unknown as Document, clicked, attached };
}

describe('browser platform', () => {
  it('saves through a download link named from the suggested name', async () => {
    const { doc, clicked, attached } = fakeDocument();
    const blobs: Blob[] = [];
    const revoke = vi.fn();
    vi.useFakeTimers();
    const p = createBrowserPlatform({
      document: doc,
      createObjectURL: (b) => {
        blobs.push(b);
        return 'blob:x';
      },
      revokeObjectURL: revoke,
    });
    const r = await p.saveFile({ suggestedName: 'a/b:c.csv', mimeType: 'text/csv', contents: 'x,y\r\n1,2' });
    expect(r).toEqual({ saved: true });
    expect(clicked[0]).toMatchObject({ tag: 'a', href: 'blob:x', download: 'a-b-c.csv' });
    expect(attached).toHaveLength(0);
    expect(await blobs[0]!.text()).toBe('x,y\r\n1,2');
    vi.advanceTimersByTime(10_000);
    expect(revoke).toHaveBeenCalledWith('blob:x');
    vi.useRealTimers();
  });

  it('opens a chosen file, resolves null on cancel', async () => {
    const { doc, attached } = fakeDocument();
    const p = createBrowserPlatform({ document: doc, createObjectURL: () => '', revokeObjectURL: () => {} });
    const opening = p.openFile({ extensions: ['json'], maxBytes: 100 });
    const input = attached[0] as Record<string, unknown> & { dispatch(t: string): void };
    expect(input.accept).toBe('.json');
    input.files = [new File(['{"a":1}'], 'plan.json')];
    input.dispatch('change');
    expect(await opening).toEqual({ name: 'plan.json', contents: '{"a":1}' });
    expect(attached).toHaveLength(0);

    const cancelled = p.openFile({ extensions: ['json'], maxBytes: 100 });
    (attached[0] as { dispatch(t: string): void }).dispatch('cancel');
    expect(await cancelled).toBeNull();
  });

  it('refuses a file over the size cap without reading it', async () => {
    const big = new File(['x'.repeat(2048)], 'big.json');
    const text = vi.spyOn(big, 'text');
    await expect(readChosenFile(big, 1024)).rejects.toThrow(FileRefusedError);
    await expect(readChosenFile(big, 1024)).rejects.toThrow(
      '"big.json" is 2 KB; files up to 1 KB can be opened.',
    );
    expect(text).not.toHaveBeenCalled();
  });

  it('never calls menu handlers', () => {
    const p = createBrowserPlatform({
      document: fakeDocument().doc,
      createObjectURL: () => '',
      revokeObjectURL: () => {},
    });
    const h = vi.fn();
    p.onMenuCommand(h)();
    p.onOpenFile(h)();
    p.onFlushRequest(h)();
    expect(h).not.toHaveBeenCalled();
  });
});

describe('helpers', () => {
  it('safe file names', () => {
    expect(safeFileName('Food delivery — 2026-11-22.csv')).toBe('Food delivery — 2026-11-22.csv');
    expect(safeFileName('../../etc/passwd')).toBe('-..-etc-passwd');
    expect(safeFileName('...')).toBe('headroom');
    expect(safeFileName('a\u0000b')).toBe('a-b');
  });
  it('accept list', () => {
    expect(acceptList(['json', '.csv'])).toBe('.json,.csv');
  });
});

describe('selectPlatform', () => {
  it('uses the desktop bridge only when it has every function', () => {
    const fn = () => Promise.resolve();
    const off = () => () => {};
    const bridge = {
      saveFile: fn,
      savePdf: fn,
      openFile: fn,
      onMenuCommand: off,
      onOpenFile: off,
      onFlushRequest: off,
    };
    expect(selectPlatform({ headroom: bridge }).kind).toBe('electron');
    expect(selectPlatform({ headroom: { saveFile: fn } }).kind).toBe('browser');
    // A bridge from an older preload (no flush request) is not taken for a complete one.
    expect(selectPlatform({ headroom: { ...bridge, onFlushRequest: undefined } }).kind).toBe('browser');
    // Nor one from a preload without Print / Save as PDF.
    expect(selectPlatform({ headroom: { ...bridge, savePdf: undefined } }).kind).toBe('browser');
    expect(selectPlatform(undefined).kind).toBe('browser');
  });
});
