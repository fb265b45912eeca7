// A stand-in for the 'electron' module, for unit tests of main.ts and preload.ts under vi.doMock('electron').
// It records what the code under test installs (windows, handlers, guards) so tests can assert on it.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame = { url: 'app://headroom/index.html', parent: null };
  destroyed = false;
  send = vi.fn((channel: string, payload: unknown) => void this.sent.push([channel, payload]));
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  isDestroyed = (): boolean => this.destroyed;
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

  const app = Object.assign(appEvents, {
    isPackaged: options.isPackaged ?? false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    quit: vi.fn(),
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
    close(): void {
      this.emit('close', { preventDefault: vi.fn() });
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
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
    /** Resolves app.whenReady() and waits until main has opened its window (or has quit). */
    ready: async (): Promise<void> => {
      resolveReady();
      await vi.waitFor(
        () => {
          if (app.quit.mock.calls.length === 0 && windows.length === 0)
            throw new Error('main has not opened a window');
        },
        { timeout: 10_000, interval: 5 },
      );
      // Let the rest of main's ready chain (initial files) run.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
