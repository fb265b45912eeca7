// A stand-in for the 'electron' module, for unit tests of main.ts and preload.ts under vi.doMock('electron').
// It records what the code under test installs (windows, handlers, guards) so tests can assert on it.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { waitFor } from './wait.ts';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame = { url: 'app://headroom/index.html', parent: null };
  destroyed = false;
  crashed = false;
  /** Where sent events also go once a renderer is connected (connectRenderer): the preload's ipcRenderer. */
  deliver: ((channel: string, payload: unknown) => void) | undefined;
  send = vi.fn((channel: string, payload: unknown) => {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, payload]);
    this.deliver?.(channel, payload);
  });
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  /** What "printing" the page gives: a stand-in PDF (the renderer's page is not rendered here). */
  printToPDF = vi.fn(async (_options: unknown): Promise<Buffer> =>
    Buffer.from('%PDF-1.7\n% fake page\n%%EOF\n'),
  );
  isDestroyed = (): boolean => this.destroyed;
  isCrashed = (): boolean => this.crashed;
  /** The renderer process died: Electron emits render-process-gone (the web contents itself lives on). */
  crash(): void {
    this.crashed = true;
    this.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  }
  /** Runs the listeners of `event` with a preventable event object; true when one prevented it. */
  firePreventable(event: string, url?: string): boolean {
    const e = { url, preventDefault: vi.fn() };
    this.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  }
}

export function createFakeElectron(
  options: { isPackaged?: boolean; gotLock?: boolean; switches?: string[] } = {},
) {
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const paths: Record<string, string> = { userData: '/tmp/headroom-user', documents: '/tmp/headroom-docs' };
  const windows: FakeBrowserWindow[] = [];

  const lifecycle = { quitCount: 0, quitting: false, quitted: false };
  /**
   * Electron's quit sequence: before-quit (preventable), then every window is asked to close (a window that
   * prevents it cancels the quit), then will-quit and quit.
   */
  const quit = (): void => {
    lifecycle.quitCount++;
    if (lifecycle.quitCount > 100) throw new Error('app.quit() loops');
    let prevented = false;
    appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    lifecycle.quitting = true;
    for (const window of windows.filter((w) => !w.destroyed)) {
      window.close();
      if (!window.destroyed) {
        lifecycle.quitting = false;
        return;
      }
    }
    lifecycle.quitted = true;
    appEvents.emit('will-quit', { preventDefault: () => {} });
    appEvents.emit('quit');
  };

  const app = Object.assign(appEvents, {
    isPackaged: options.isPackaged ?? false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    quit: vi.fn(quit),
    whenReady: vi.fn(() => readyPromise),
    getAppPath: vi.fn(() => paths.app ?? '/opt/headroom/resources/app.asar'),
    getPath: vi.fn((name: string) => paths[name] ?? `/tmp/headroom-${name}`),
    commandLine: { hasSwitch: vi.fn((name: string) => (options.switches ?? []).includes(name)) },
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
    setAppUserModelId: vi.fn(),
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
    loadURL = vi.fn(() => Promise.resolve());
    loadFile = vi.fn(() => Promise.resolve());
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    isMinimized = vi.fn(() => false);
    isMaximized = vi.fn(() => false);
    getNormalBounds = vi.fn(() => ({ x: 10, y: 20, width: 1100, height: 800 }));
    destroyed = false;
    isDestroyed = (): boolean => this.destroyed;
    constructor(opts: Record<string, unknown>) {
      super();
      this.options = opts;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static fromWebContents = vi.fn(
      (contents: unknown) => windows.find((w) => w.webContents === contents) ?? null,
    );
    static getAllWindows = vi.fn(() => windows.filter((w) => !w.destroyed));
    /** As Electron: emits a preventable `close`; only when nobody prevented it is the window destroyed. */
    close(): void {
      if (this.destroyed) return;
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.destroy();
    }
    /** Destroys the window without a `close` event (as Electron's `destroy()`). */
    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
      // As Electron: the last window closing emits window-all-closed, except during a quit.
      if (!lifecycle.quitting && windows.every((w) => w.destroyed)) app.emit('window-all-closed');
    }
  }

  const sessionHandlers: Record<string, Listener> = {};
  const capture = (name: string) =>
    vi.fn((handler: Listener) => {
      sessionHandlers[name] = handler;
    });
  const defaultSession = {
    setPermissionRequestHandler: capture('permissionRequest'),
    setPermissionCheckHandler: capture('permissionCheck'),
    setDevicePermissionHandler: capture('devicePermission'),
    setDisplayMediaRequestHandler: capture('displayMedia'),
    on: vi.fn((event: string, handler: Listener) => {
      sessionHandlers[event] = handler;
    }),
    webRequest: { onBeforeRequest: capture('beforeRequest') },
  };

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcHandlers.set(channel, handler);
    }),
    on: vi.fn(),
  };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      protocolHandlers.set(scheme, handler);
    }),
    registerFileProtocol: vi.fn(),
    interceptFileProtocol: vi.fn(),
  };

  const menu = { template: undefined as unknown };
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown) => ({ template, popup: vi.fn() })),
    setApplicationMenu: vi.fn((built: { template: unknown }) => {
      menu.template = built.template;
    }),
  };

  const dialog = {
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
    showErrorBox: vi.fn(),
  };

  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const screen = { getAllDisplays: vi.fn(() => [display]), getPrimaryDisplay: vi.fn(() => display) };
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };

  // Preload side.
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new EventEmitter();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed[key] = api;
    }),
  };
  const ipcRenderer = Object.assign(rendererListeners, {
    invoke: vi.fn((..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined)),
    send: vi.fn(),
  });

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu,
    dialog,
    ipcMain,
    protocol,
    screen,
    session: { defaultSession },
    shell,
    contextBridge,
    ipcRenderer,
  };

  return {
    module: { ...module, default: module },
    app,
    windows,
    ipcHandlers,
    protocolHandlers,
    sessionHandlers,
    menu,
    dialog,
    shell,
    protocol,
    exposed,
    ipcRenderer,
    paths,
    lifecycle,
    /** Resolves app.whenReady() and waits until main has opened its window (or has quit). */
    ready: async (): Promise<void> => {
      resolveReady();
      await waitFor(() => {
        if (app.quit.mock.calls.length === 0 && windows.length === 0)
          throw new Error('main has not opened a window');
      });
      // Nothing else is waited for: what main does after opening its window (reading files named on the command
      // line) takes real file-system time, so the tests that need it wait for its effect (waitFor in ./wait.ts), never for a
      // number of ticks that a loaded machine may not honour.
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * Connects the fake preload side (`ipcRenderer`) to the fake main side for one window, as Electron's IPC would:
 * `ipcRenderer.invoke(channel, …args)` runs the handler main registered on `ipcMain` with the event of a trusted
 * sender (that window's main frame), and `webContents.send(channel, payload)` reaches `ipcRenderer`'s listeners.
 * Arguments, replies and events are structured-cloned on the way, as IPC does, so a value IPC could not carry fails
 * here too; a handler's error reaches the renderer as Electron words it. Errors are also kept in `rejections`.
 */
export function connectRenderer(
  fake: FakeElectron,
  window: { webContents: FakeWebContents },
): { rejections: unknown[] } {
  const contents = window.webContents;
  const rejections: unknown[] = [];
  fake.ipcRenderer.invoke.mockImplementation(async (...call: unknown[]) => {
    const [channel, ...args] = structuredClone(call) as [string, ...unknown[]];
    const handler = fake.ipcHandlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler({ sender: contents, senderFrame: contents.mainFrame }, ...args));
    } catch (error) {
      rejections.push(error);
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  });
  contents.deliver = (channel, payload) => {
    fake.ipcRenderer.emit(channel, { sender: fake.ipcRenderer, ports: [] }, structuredClone(payload));
  };
  return { rejections };
}
