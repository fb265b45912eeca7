import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEADROOM_BRIDGE_KEYS, type HeadroomBridge } from '../src/platform/electron-bridge.ts';
import type { MenuCommand, OpenedFile } from '../src/platform/types.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './ipc-contract.ts';
import { createFakeElectron, type FakeElectron } from './test-support/fake-electron.ts';
import { waitFor } from './test-support/wait.ts';

afterEach(() => {
  vi.doUnmock('electron');
  vi.resetModules();
});

async function loadPreload(): Promise<{ fake: FakeElectron; bridge: HeadroomBridge }> {
  const fake = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('./preload.ts');
  return { fake, bridge: fake.exposed.headroom as HeadroomBridge };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('preload', () => {
  it('exposes exactly one object, window.headroom, whose keys are the allowlist and all functions', async () => {
    const { fake, bridge } = await loadPreload();
    expect(Object.keys(fake.exposed)).toEqual(['headroom']);
    expect(Object.keys(bridge).sort()).toEqual([...HEADROOM_BRIDGE_KEYS].sort());
    for (const key of HEADROOM_BRIDGE_KEYS) expect(typeof bridge[key]).toBe('function');
    // Nothing that hands out IPC itself.
    expect(Object.values(bridge)).not.toContain(fake.ipcRenderer);
  });

  it('never exposes ipcRenderer or a generic invoke/send (source check)', () => {
    const source = readFileSync('electron/preload.ts', 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source).not.toMatch(/invoke\(\s*channel|send\(\s*channel|\(channel:/);
  });

  it('maps each function to its own fixed channel', async () => {
    const { fake, bridge } = await loadPreload();
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ saved: true, path: '/x.csv' });
    const file = { suggestedName: 'x.csv', mimeType: 'text/csv' as const, contents: 'a' };
    await expect(bridge.saveFile(file)).resolves.toEqual({ saved: true, path: '/x.csv' });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.saveFile, file);
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'canceled' });
    await expect(bridge.openFile({ extensions: ['json'], maxBytes: 10 })).resolves.toEqual({
      status: 'canceled',
    });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.openFile, {
      extensions: ['json'],
      maxBytes: 10,
    });
  });

  it('passes menu commands without the event object, drops unknown ones, and unsubscribes', async () => {
    const { fake, bridge } = await loadPreload();
    const received: unknown[][] = [];
    const off = bridge.onMenuCommand((...args: unknown[]) => received.push(args));
    const event = { sender: fake.ipcRenderer, ports: [] };
    fake.ipcRenderer.emit(EVENT_CHANNELS.menuCommand, event, 'undo');
    fake.ipcRenderer.emit(EVENT_CHANNELS.menuCommand, event, 'rm -rf');
    fake.ipcRenderer.emit(EVENT_CHANNELS.menuCommand, event, { command: 'undo' });
    expect(received).toEqual([['undo']]);
    off();
    fake.ipcRenderer.emit(EVENT_CHANNELS.menuCommand, event, 'redo');
    expect(received).toEqual([['undo']]);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNELS.menuCommand)).toBe(0);
  });

  it('delivers pending and later opened files as plain {name, contents}', async () => {
    const { fake, bridge } = await loadPreload();
    fake.ipcRenderer.invoke.mockResolvedValueOnce([{ name: 'a.json', contents: '{}' }, { bad: true }]);
    const files: unknown[][] = [];
    const off = bridge.onOpenFile((...args: unknown[]) => files.push(args));
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.takePendingFiles, null);
    await flush();
    fake.ipcRenderer.emit(
      EVENT_CHANNELS.fileOpened,
      {},
      { name: 'b.json', contents: '[]', extra: 'dropped' },
    );
    expect(files).toEqual([[{ name: 'a.json', contents: '{}' }], [{ name: 'b.json', contents: '[]' }]]);
    off();
    fake.ipcRenderer.emit(EVENT_CHANNELS.fileOpened, {}, { name: 'c.json', contents: '' });
    expect(files).toHaveLength(2);
  });

  it('answers a flush request with its id once every subscribed handler has settled', async () => {
    const { fake, bridge } = await loadPreload();
    let finish: () => void = () => {};
    const slow = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const failing = vi.fn(() => Promise.reject(new Error('disk full')));
    const offSlow = bridge.onFlushRequest(slow);
    bridge.onFlushRequest(failing);
    fake.ipcRenderer.emit(EVENT_CHANNELS.flushRequest, {}, 7);
    await flush();
    expect(slow).toHaveBeenCalledTimes(1);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalledWith(INVOKE_CHANNELS.flushDone, 7);
    finish();
    await waitFor(() => expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.flushDone, 7));
    // Unsubscribed handlers are not run; malformed ids are ignored.
    offSlow();
    fake.ipcRenderer.emit(EVENT_CHANNELS.flushRequest, {}, 8);
    fake.ipcRenderer.emit(EVENT_CHANNELS.flushRequest, {}, 'nine');
    fake.ipcRenderer.emit(EVENT_CHANNELS.flushRequest, {}, -1);
    await waitFor(() => expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.flushDone, 8));
    expect(slow).toHaveBeenCalledTimes(1);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
  });

  it('answers a flush request at once when nothing has subscribed (the app has not started)', async () => {
    const { fake } = await loadPreload();
    fake.ipcRenderer.emit(EVENT_CHANNELS.flushRequest, {}, 1);
    await waitFor(() => expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.flushDone, 1));
  });

  it('type-level: callbacks receive only the payload', () => {
    const onMenu: Parameters<HeadroomBridge['onMenuCommand']>[0] = (command: MenuCommand) => void command;
    const onFile: Parameters<HeadroomBridge['onOpenFile']>[0] = (file: OpenedFile) => void file;
    expect(onMenu.length + onFile.length).toBe(2);
  });
});
