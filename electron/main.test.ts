import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from './app-origin.ts';
import { APP_SCHEME_PRIVILEGES } from './app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './ipc-contract.ts';
import { type FakeElectron, type FakeWebContents } from './test-support/fake-electron.ts';
import { useMainProcessFolder } from './test-support/main-process.ts';
import { SECURE_WEB_PREFERENCES } from './web-preferences.ts';
import { waitFor } from './test-support/wait.ts';

const folder = useMainProcessFolder('headroom-main-');
const { loadMain } = folder;

const invoke = (fake: FakeElectron, channel: string, contents: FakeWebContents, ...args: unknown[]) =>
  fake.ipcHandlers.get(channel)!({ sender: contents, senderFrame: contents.mainFrame }, ...args);

/** The ids of the flush requests main sent to `contents`, in order. */
const flushRequests = (contents: FakeWebContents): unknown[] =>
  contents.sent.filter(([channel]) => channel === EVENT_CHANNELS.flushRequest).map(([, id]) => id);

/** The renderer's answer to the last flush request it got (as the preload sends it). */
const answerFlush = (fake: FakeElectron, contents: FakeWebContents) =>
  invoke(fake, INVOKE_CHANNELS.flushDone, contents, flushRequests(contents).at(-1));

describe('main process, before ready', () => {
  it('sandboxes every renderer, registers app:// as privileged and takes the single-instance lock', async () => {
    const fake = await loadMain({}, false);
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: APP_SCHEME_PRIVILEGES },
    ]);
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    for (const event of [
      'open-file',
      'second-instance',
      'web-contents-created',
      'window-all-closed',
      'activate',
    ]) {
      expect(fake.app.listenerCount(event), event).toBe(1);
    }
    expect(fake.windows).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = await loadMain({ gotLock: false });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('refuses remote debugging in a packaged app', async () => {
    const fake = await loadMain({ isPackaged: true, switches: ['remote-debugging-port'] });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });
});

describe('main process, when ready', () => {
  it('opens one window with the secure webPreferences on app://, never file://', async () => {
    const fake = await loadMain({ isPackaged: true });
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: path.join(folder.dir, 'app', 'dist-electron', 'preload.cjs'),
      devTools: false,
    });
    expect(window.options.minWidth).toBeGreaterThanOrEqual(800);
    expect(window.options.minHeight).toBeGreaterThanOrEqual(600);
    expect(window.loadURL).toHaveBeenCalledWith(APP_INDEX_URL);
    expect(window.loadFile).not.toHaveBeenCalled();
    expect(fake.protocol.registerFileProtocol).not.toHaveBeenCalled();
  });

  it('allows DevTools only when not packaged', async () => {
    const fake = await loadMain({ isPackaged: false });
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(true);
  });

  it('installs navigation, new-window and webview guards on every web contents', async () => {
    const fake = await loadMain();
    const contents = fake.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.firePreventable(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.firePreventable(event, 'app://headroom/index.html'), event).toBe(false);
    }
    expect(contents.firePreventable('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://aws.amazon.com/lambda/pricing/' })).toEqual({
      action: 'deny',
    });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://aws.amazon.com/lambda/pricing/');
  });

  it('installs the session guards: permissions, devices, display media, downloads, remote requests', async () => {
    const fake = await loadMain();
    expect(Object.keys(fake.sessionHandlers).sort()).toEqual(
      [
        'beforeRequest',
        'devicePermission',
        'displayMedia',
        'permissionCheck',
        'permissionRequest',
        'will-download',
      ].sort(),
    );
    const granted = vi.fn();
    (fake.sessionHandlers.permissionRequest as unknown as (...a: unknown[]) => void)(
      {},
      'geolocation',
      granted,
      {
        requestingUrl: 'app://headroom/',
      },
    );
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('serves dist/ over app:// with the CSP header', async () => {
    const fake = await loadMain();
    const handler = fake.protocolHandlers.get('app')!;
    const response = await handler(new Request('app://headroom/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://headroom/%2e%2e/user/shell-state.json'))).status).toBe(404);
  });

  it('registers a guarded handler for every invoke channel and nothing else', async () => {
    const fake = await loadMain();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    const other = new (
      fake.module.BrowserWindow as unknown as new (o: object) => { webContents: FakeWebContents }
    )({});
    for (const channel of fake.ipcHandlers.keys()) {
      await expect(invoke(fake, channel, other.webContents, null)).rejects.toMatchObject({
        reason: 'unknown-sender',
      });
      const main = fake.windows[0]!.webContents;
      await expect(
        fake.ipcHandlers.get(channel)!(
          { sender: main, senderFrame: { url: 'app://headroom/', parent: {} } },
          null,
        ),
      ).rejects.toMatchObject({ reason: 'sub-frame' });
    }
  });

  it('installs the application menu and sends its commands to the window', async () => {
    const fake = await loadMain();
    const template = fake.menu.template as MenuItemConstructorOptions[];
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    (file.find((i) => i.id === 'export-csv')!.click as () => void)();
    expect(fake.windows[0]!.webContents.sent).toEqual([[EVENT_CHANNELS.menuCommand, 'export-csv']]);
  });

  it('saves through the native dialog, atomically, and remembers plan files as recent', async () => {
    const fake = await loadMain();
    const target = path.join(folder.dir, 'docs', 'plan.json');
    writeFileSync(target, 'old');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const contents = fake.windows[0]!.webContents;
    const result = await invoke(fake, INVOKE_CHANNELS.saveFile, contents, {
      suggestedName: 'plan.json',
      mimeType: 'application/json',
      contents: '{"new":true}',
    });
    expect(result).toEqual({ saved: true, path: target });
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}');
    expect(fake.dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({
      defaultPath: path.join(folder.dir, 'docs', 'plan.json'),
      filters: [{ name: 'Headroom plan', extensions: ['json'] }],
    });
    expect(fake.app.addRecentDocument).toHaveBeenCalledWith(target);
    // A cancelled dialog is not an error.
    await expect(
      invoke(fake, INVOKE_CHANNELS.saveFile, contents, {
        suggestedName: 'r.csv',
        mimeType: 'text/csv',
        contents: '',
      }),
    ).resolves.toEqual({ saved: false });
  });

  it('reports a failed write and keeps the old file', async () => {
    const fake = await loadMain();
    const target = path.join(folder.dir, 'docs', 'missing-folder', 'report.csv');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const result = await invoke(fake, INVOKE_CHANNELS.saveFile, fake.windows[0]!.webContents, {
      suggestedName: 'report.csv',
      mimeType: 'text/csv',
      contents: 'a,b',
    });
    expect(result).toMatchObject({ saved: false, error: 'The folder does not exist any more.' });
  });

  it('opens a file through the native dialog with the size limit', async () => {
    const fake = await loadMain();
    const file = path.join(folder.dir, 'docs', 'traffic.csv');
    writeFileSync(file, 'hour,rps\n0,1\n');
    const contents = fake.windows[0]!.webContents;
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    await expect(
      invoke(fake, INVOKE_CHANNELS.openFile, contents, { extensions: ['csv'], maxBytes: 1000 }),
    ).resolves.toEqual({ status: 'opened', file: { name: 'traffic.csv', contents: 'hour,rps\n0,1\n' } });
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const refused = (await invoke(fake, INVOKE_CHANNELS.openFile, contents, {
      extensions: ['csv'],
      maxBytes: 5,
    })) as {
      status: string;
    };
    expect(refused.status).toBe('refused');
    await expect(
      invoke(fake, INVOKE_CHANNELS.openFile, contents, { extensions: ['csv'], maxBytes: 5 }),
    ).resolves.toEqual({ status: 'canceled' });
  });

  it('opens plan files from a second instance in the running window', async () => {
    const fake = await loadMain();
    const plan = path.join(folder.dir, 'docs', 'shop.headroom.json');
    writeFileSync(plan, '{"plan":1}');
    const contents = fake.windows[0]!.webContents;
    fake.app.emit(
      'second-instance',
      {},
      ['/opt/Headroom/headroom-desktop', 'shop.headroom.json'],
      path.join(folder.dir, 'docs'),
    );
    await waitFor(() => expect(fake.app.addRecentDocument).toHaveBeenCalledWith(plan));
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
    expect(contents.sent).toEqual([]);
    // Not delivered before the renderer subscribed; handed over when it asks.
    await expect(invoke(fake, INVOKE_CHANNELS.takePendingFiles, contents, null)).resolves.toEqual([
      { name: 'shop.headroom.json', contents: '{"plan":1}' },
    ]);
    fake.app.emit('second-instance', {}, ['x', plan], '/');
    await waitFor(() =>
      expect(contents.sent).toContainEqual([
        EVENT_CHANNELS.fileOpened,
        { name: 'shop.headroom.json', contents: '{"plan":1}' },
      ]),
    );
    expect(fake.windows).toHaveLength(1);
  });

  it('tells the user why a recent plan cannot be opened and drops it from the list', async () => {
    const fake = await loadMain();
    const plan = path.join(folder.dir, 'docs', 'gone.json');
    writeFileSync(plan, '{}');
    fake.app.emit('second-instance', {}, ['x', plan], '/');
    await waitFor(() => expect(fake.app.addRecentDocument).toHaveBeenCalledWith(plan));
    rmSync(plan);
    const recent = () =>
      ((fake.menu.template as MenuItemConstructorOptions[])[0]!.submenu as MenuItemConstructorOptions[]).find(
        (i) => i.id === 'open-recent',
      )!.submenu as MenuItemConstructorOptions[];
    expect(recent()[0]!.label).toBe('gone.json');
    (recent()[0]!.click as () => void)();
    await waitFor(() =>
      expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'error', detail: 'gone.json does not exist.' }),
      ),
    );
    expect(recent()[0]!.label).toBe('No recent plans');
  });

  it('opens a plan named on the first command line', async () => {
    const plan = path.join(folder.dir, 'docs', 'first.json');
    writeFileSync(plan, '{}');
    process.argv = ['/opt/Headroom/headroom-desktop', plan];
    const fake = await loadMain();
    await waitFor(() => expect(fake.app.addRecentDocument).toHaveBeenCalledWith(plan));
    await expect(
      invoke(fake, INVOKE_CHANNELS.takePendingFiles, fake.windows[0]!.webContents, null),
    ).resolves.toEqual([{ name: 'first.json', contents: '{}' }]);
  });

  it('remembers window placement on close and restores it', async () => {
    const fake = await loadMain();
    fake.windows[0]!.close();
    await answerFlush(fake, fake.windows[0]!.webContents);
    await waitFor(() => {
      const state = JSON.parse(readFileSync(path.join(folder.dir, 'user', 'shell-state.json'), 'utf8'));
      expect(state.window).toEqual({ bounds: { x: 10, y: 20, width: 1100, height: 800 }, maximized: false });
    });
    const again = await loadMain();
    expect(again.windows[0]!.options).toMatchObject({ x: 10, y: 20, width: 1100, height: 800 });
  });

  it('shows a clipboard context menu in text fields', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    const editFlags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    window.webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', editFlags });
    const built = fake.module.Menu.buildFromTemplate.mock.results.at(-1)!.value as {
      template: Array<{ role?: string }>;
      popup: ReturnType<typeof vi.fn>;
    };
    expect(built.template.map((i) => i.role)).toContain('paste');
    expect(built.popup).toHaveBeenCalledWith({ window });
  });

  it('quits when the last window closes (not macOS), with one flush request and no loop', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    window.close();
    expect(flushRequests(window.webContents)).toEqual([1]);
    await answerFlush(fake, window.webContents);
    // close → closed → window-all-closed → app.quit() → before-quit: nothing left to flush, so it quits.
    await waitFor(() => expect(fake.lifecycle.quitted).toBe(true));
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(flushRequests(window.webContents)).toEqual([1]);
  });
});

describe('main process, flush before a window closes or the app quits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closing the window waits for the renderer’s flush answer, then closes', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    const contents = window.webContents;
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(flushRequests(contents)).toEqual([1]);
    // Clicking close again while it waits asks nothing more.
    window.close();
    expect(flushRequests(contents)).toEqual([1]);
    // Only the window that was asked can answer, and only with its id.
    const other = new (
      fake.module.BrowserWindow as unknown as new (o: object) => { webContents: FakeWebContents }
    )({});
    await expect(invoke(fake, INVOKE_CHANNELS.flushDone, other.webContents, 1)).rejects.toMatchObject({
      reason: 'unknown-sender',
    });
    await expect(invoke(fake, INVOKE_CHANNELS.flushDone, contents, '1')).rejects.toMatchObject({
      reason: 'invalid-payload',
    });
    await expect(invoke(fake, INVOKE_CHANNELS.flushDone, contents, 2)).resolves.toBeNull();
    expect(window.isDestroyed()).toBe(false);
    await expect(invoke(fake, INVOKE_CHANNELS.flushDone, contents, 1)).resolves.toBeNull();
    await waitFor(() => expect(window.isDestroyed()).toBe(true));
    expect(flushRequests(contents)).toEqual([1]);
  });

  it('closes a window whose renderer never answers after the bound (5 s)', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    window.close();
    expect(flushRequests(window.webContents)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(window.isDestroyed()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(window.isDestroyed()).toBe(true);
    expect(flushRequests(window.webContents)).toEqual([1]);
  });

  it('does not wait for a renderer that crashes while the window waits to close', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    // Timers frozen: only the crash can end the wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    window.close();
    expect(window.isDestroyed()).toBe(false);
    window.webContents.crash();
    await vi.advanceTimersByTimeAsync(0);
    expect(window.isDestroyed()).toBe(true);
  });

  it('does not ask a renderer that has already crashed', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    window.webContents.crash();
    window.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(window.isDestroyed()).toBe(true);
    expect(flushRequests(window.webContents)).toEqual([]);
  });

  it('quitting asks every window to flush once, waits for the answer, then quits without asking again', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    fake.app.quit();
    expect(fake.lifecycle.quitted).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(flushRequests(window.webContents)).toEqual([1]);
    // A second quit (Cmd+Q twice) while waiting asks nothing more.
    fake.app.quit();
    expect(flushRequests(window.webContents)).toEqual([1]);
    await answerFlush(fake, window.webContents);
    await waitFor(() => expect(fake.lifecycle.quitted).toBe(true));
    expect(window.isDestroyed()).toBe(true);
    // The quit after the flush went through: before-quit and the window's close did not ask again.
    expect(flushRequests(window.webContents)).toEqual([1]);
    expect(fake.app.quit).toHaveBeenCalledTimes(3);
  });

  it('quits after the bound when the renderer never answers', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fake.app.quit();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fake.lifecycle.quitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.lifecycle.quitted).toBe(true);
    expect(flushRequests(window.webContents)).toEqual([1]);
  });

  it('a quit while a close waits shares its flush request', async () => {
    const fake = await loadMain();
    const window = fake.windows[0]!;
    window.close();
    fake.app.quit();
    expect(flushRequests(window.webContents)).toEqual([1]);
    await answerFlush(fake, window.webContents);
    await waitFor(() => expect(fake.lifecycle.quitted).toBe(true));
    expect(flushRequests(window.webContents)).toEqual([1]);
  });
});

describe('main process, one window per profile', () => {
  it('a second instance focuses the existing window and opens no other', async () => {
    const fake = await loadMain();
    fake.windows[0]!.isMinimized.mockReturnValue(true);
    fake.app.emit('second-instance', {}, ['/opt/Headroom/headroom-desktop'], '/');
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.restore).toHaveBeenCalled();
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
  });

  it('activate (macOS Dock click) with a window open creates none; with none open, exactly one', async () => {
    const fake = await loadMain();
    fake.app.emit('activate');
    fake.app.emit('activate');
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
    fake.windows[0]!.destroy();
    fake.app.emit('activate');
    fake.app.emit('activate');
    expect(fake.windows.filter((w) => !w.isDestroyed())).toHaveLength(1);
    expect(fake.windows).toHaveLength(2);
  });

  it('plans opened from the OS with no window open create one window, however many arrive', async () => {
    const fake = await loadMain();
    fake.windows[0]!.destroy();
    const plans = ['a.json', 'b.json', 'c.json'].map((name) => path.join(folder.dir, 'docs', name));
    for (const plan of plans) writeFileSync(plan, '{}');
    fake.app.emit('second-instance', {}, ['x', ...plans], '/');
    await waitFor(() => expect(fake.app.addRecentDocument).toHaveBeenCalledTimes(3));
    expect(fake.windows.filter((w) => !w.isDestroyed())).toHaveLength(1);
  });

  it('every window the app creates comes from one place, which reuses a live window (source check)', () => {
    const source = readFileSync('electron/main.ts', 'utf8');
    expect(source.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(source.match(/createMainWindow\(\)/g)).toHaveLength(2); // its definition and showMainWindow's call
  });
});
