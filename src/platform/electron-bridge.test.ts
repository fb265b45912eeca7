import { describe, expect, it, vi } from 'vitest';
import { LARGEST_FILE_BYTES, utf8ByteLength } from '../limits/files.ts';
import {
  createElectronPlatform,
  HEADROOM_BRIDGE_KEYS,
  isHeadroomBridge,
  OpenFileRefusedError,
  saveSizeProblem,
  type HeadroomBridge,
} from './electron-bridge.ts';

function fakeBridge(overrides: Partial<HeadroomBridge> = {}): HeadroomBridge {
  return {
    saveFile: vi.fn(async () => ({ saved: true, path: '/home/u/plan.json' })),
    openFile: vi.fn(async () => ({ status: 'canceled' as const })),
    onMenuCommand: vi.fn(() => () => {}),
    onOpenFile: vi.fn(() => () => {}),
    onFlushRequest: vi.fn(() => () => {}),
    savePdf: vi.fn(async () => ({ saved: true, path: '/home/u/report.pdf' })),
    ...overrides,
  };
}

describe('createElectronPlatform', () => {
  it('Print / Save as PDF: sets the report up in the page, sends only its name, takes it out after', async () => {
    const steps: string[] = [];
    const bridge = fakeBridge({
      savePdf: vi.fn(async (request) => {
        steps.push(`savePdf ${JSON.stringify(request)}`);
        return { saved: true, path: '/home/u/r.pdf' };
      }),
    });
    const platform = createElectronPlatform(bridge, (report) => {
      steps.push(`set up ${report.bodyHtml}`);
      return () => steps.push('taken out');
    });
    const report = { suggestedName: 'r.pdf', bodyHtml: '<div class="report"></div>', style: '' };
    await expect(platform.printReport(report)).resolves.toEqual({ saved: true, path: '/home/u/r.pdf' });
    expect(steps).toEqual([
      'set up <div class="report"></div>',
      'savePdf {"suggestedName":"r.pdf"}',
      'taken out',
    ]);
    // A failed call is said in words, and the report is taken out all the same.
    steps.length = 0;
    const failing = createElectronPlatform(
      fakeBridge({ savePdf: vi.fn(async () => Promise.reject(new Error('printing failed'))) }),
      () => () => steps.push('taken out'),
    );
    await expect(failing.printReport(report)).resolves.toEqual({
      saved: false,
      error: 'The PDF could not be saved: printing failed',
    });
    expect(steps).toEqual(['taken out']);
    await expect(createElectronPlatform(fakeBridge()).printReport(report)).resolves.toMatchObject({
      saved: false,
    });
  });

  it('is the electron platform', () => {
    expect(createElectronPlatform(fakeBridge()).kind).toBe('electron');
  });

  it('saves through the bridge and turns a rejected call into an error result', async () => {
    const file = { suggestedName: 'plan.json', mimeType: 'application/json' as const, contents: '{}' };
    await expect(createElectronPlatform(fakeBridge()).saveFile(file)).resolves.toEqual({
      saved: true,
      path: '/home/u/plan.json',
    });
    const failing = fakeBridge({ saveFile: vi.fn(async () => Promise.reject(new Error('refused'))) });
    await expect(createElectronPlatform(failing).saveFile(file)).resolves.toEqual({
      saved: false,
      error: 'The file could not be saved: refused',
    });
  });

  it('opens: file, null on cancel, an error when refused', async () => {
    const opened = fakeBridge({
      openFile: vi.fn(async () => ({ status: 'opened' as const, file: { name: 'a.csv', contents: 'x' } })),
    });
    await expect(
      createElectronPlatform(opened).openFile({ extensions: ['csv'], maxBytes: 9 }),
    ).resolves.toEqual({
      name: 'a.csv',
      contents: 'x',
    });
    expect(opened.openFile).toHaveBeenCalledWith({ extensions: ['csv'], maxBytes: 9 });
    await expect(
      createElectronPlatform(fakeBridge()).openFile({ extensions: ['csv'], maxBytes: 9 }),
    ).resolves.toBeNull();
    const refused = fakeBridge({
      openFile: vi.fn(async () => ({ status: 'refused' as const, error: 'too large' })),
    });
    const promise = createElectronPlatform(refused).openFile({ extensions: ['json'], maxBytes: 1 });
    await expect(promise).rejects.toBeInstanceOf(OpenFileRefusedError);
    await expect(promise).rejects.toThrow('too large');
  });

  it('passes subscriptions through and returns their unsubscribe functions', () => {
    const off = vi.fn();
    const bridge = fakeBridge({ onMenuCommand: vi.fn(() => off), onOpenFile: vi.fn(() => off) });
    const platform = createElectronPlatform(bridge);
    const handler = vi.fn();
    platform.onMenuCommand(handler)();
    platform.onOpenFile(handler)();
    expect(bridge.onMenuCommand).toHaveBeenCalledWith(handler);
    expect(bridge.onOpenFile).toHaveBeenCalledWith(handler);
    expect(off).toHaveBeenCalledTimes(2);
  });
});

describe('replies and sizes', () => {
  it('turns a reply of the wrong shape into a clear failure', async () => {
    const bridge = fakeBridge({
      saveFile: vi.fn(async () => ({ saved: 'yes' }) as never),
      openFile: vi.fn(async () => ({ status: 'opened', file: { name: 'a' } }) as never),
    });
    const platform = createElectronPlatform(bridge);
    await expect(
      platform.saveFile({ suggestedName: 'a.csv', mimeType: 'text/csv', contents: '' }),
    ).resolves.toEqual({
      saved: false,
      error: 'The file could not be saved: the app sent an unexpected reply.',
    });
    await expect(platform.openFile({ extensions: ['csv'], maxBytes: 9 })).rejects.toThrow(
      'the app sent an unexpected reply',
    );
  });

  it('refuses in words a file larger than the shell accepts, without sending it', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    const file = { suggestedName: 'all.json', mimeType: 'application/json' as const };
    // Multi-byte text: few enough characters, too many bytes.
    const euros = '€'.repeat(Math.floor(LARGEST_FILE_BYTES / 3) + 1);
    expect(euros.length).toBeLessThan(LARGEST_FILE_BYTES);
    await expect(platform.saveFile({ ...file, contents: euros })).resolves.toEqual({
      saved: false,
      error: '"all.json" would be 64 MB; files up to 64 MB can be saved.',
    });
    expect(bridge.saveFile).not.toHaveBeenCalled();
    expect(saveSizeProblem({ ...file, contents: 'x'.repeat(LARGEST_FILE_BYTES) })).toBeNull();
    expect(saveSizeProblem({ ...file, contents: '€'.repeat(Math.floor(LARGEST_FILE_BYTES / 3)) })).toBeNull();
  });

  it('counts UTF-8 bytes as the shell does', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x😀é€']) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('passes flush subscriptions through', () => {
    const off = vi.fn();
    const bridge = fakeBridge({ onFlushRequest: vi.fn(() => off) });
    const handler = async () => {};
    createElectronPlatform(bridge).onFlushRequest(handler)();
    expect(bridge.onFlushRequest).toHaveBeenCalledWith(handler);
    expect(off).toHaveBeenCalledTimes(1);
  });
});

describe('isHeadroomBridge', () => {
  it('recognises a complete bridge only', () => {
    expect(isHeadroomBridge(fakeBridge())).toBe(true);
    expect(isHeadroomBridge(undefined)).toBe(false);
    expect(isHeadroomBridge({ saveFile: () => {} })).toBe(false);
    expect(HEADROOM_BRIDGE_KEYS).toEqual([
      'saveFile',
      'savePdf',
      'openFile',
      'onMenuCommand',
      'onOpenFile',
      'onFlushRequest',
    ]);
  });
});
