import { describe, expect, it, vi } from 'vitest';
import {
  createElectronPlatform,
  HEADROOM_BRIDGE_KEYS,
  isHeadroomBridge,
  OpenFileRefusedError,
  type HeadroomBridge,
} from './electron-bridge.ts';

function fakeBridge(overrides: Partial<HeadroomBridge> = {}): HeadroomBridge {
  return {
    saveFile: vi.fn(async () => ({ saved: true, path: '/home/u/plan.json' })),
    openFile: vi.fn(async () => ({ status: 'canceled' as const })),
    onMenuCommand: vi.fn(() => () => {}),
    onOpenFile: vi.fn(() => () => {}),
    onFlushRequest: vi.fn(() => () => {}),
    ...overrides,
  };
}

describe('createElectronPlatform', () => {
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

describe('isHeadroomBridge', () => {
  it('recognises a complete bridge only', () => {
    expect(isHeadroomBridge(fakeBridge())).toBe(true);
    expect(isHeadroomBridge(undefined)).toBe(false);
    expect(isHeadroomBridge({ saveFile: () => {} })).toBe(false);
    expect(HEADROOM_BRIDGE_KEYS).toEqual([
      'saveFile',
      'openFile',
      'onMenuCommand',
      'onOpenFile',
      'onFlushRequest',
    ]);
  });
});
