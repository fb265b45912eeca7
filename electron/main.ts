// The Electron main process: one secure window showing the renderer from dist/ over app://, native menu and
// dialogs, atomic file writes. It does no cost math and stores no plans (those live in the renderer's IndexedDB).
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import type { MenuCommand, OpenedFile } from '../src/platform/types.ts';
import { APP_INDEX_URL, APP_SCHEME } from './app-origin.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { createExternalOpener } from './external-links.ts';
import { OPEN_PLAN } from '../src/platform/file-requests.ts';
import { planFilesFromArgv, readTextFile, writeFileAtomic } from './file-io.ts';
import { FlushCoordinator } from './flush.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './ipc-contract.ts';
import { registerInvokeHandler, type SenderPolicy } from './ipc-guard.ts';
import { buildContextMenuTemplate, buildMenuTemplate } from './menu.ts';
import { OpenFileQueue } from './open-queue.ts';
import {
  addRecentFile,
  loadShellState,
  MIN_WINDOW_SIZE,
  restoreWindowBounds,
  saveShellState,
  saveShellStateSync,
  type ShellState,
} from './shell-state.ts';
import { installSessionGuards, installWebContentsGuards } from './web-guards.ts';
import { createSecureWebPreferences } from './web-preferences.ts';

export const APP_NAME = 'Headroom';
const isMac = process.platform === 'darwin';
/** Development = not packaged: DevTools, reload and the menu's developer items exist only then. */
const isDev = !app.isPackaged;

// Before anything else: every renderer sandboxed, and the app:// scheme registered as a privileged standard scheme.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// A packaged app refuses to run with a remote debugging port or inspector requested on its command line.
const debugSwitches = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk'];
const refusedDebugging = app.isPackaged && debugSwitches.some((name) => app.commandLine.hasSwitch(name));

// One instance per profile: two processes on one IndexedDB would fight over it. Within the instance there is at most
// one window (showMainWindow), so one profile's database is only ever open in one renderer. Another OS user has
// their own userData folder and so their own database.
const hasInstanceLock = !refusedDebugging && app.requestSingleInstanceLock();

if (hasInstanceLock) startShell();
else app.quit();

function startShell(): void {
  const appRoot = app.getAppPath();
  const rendererRoot = path.join(appRoot, 'dist');
  const preloadPath = path.join(appRoot, 'dist-electron', 'preload.cjs');
  const statePath = (): string => path.join(app.getPath('userData'), 'shell-state.json');

  let state: ShellState = { version: 1, recentFiles: [] };
  let mainWindow: BrowserWindow | null = null;
  const trustedContents = new Set<Electron.WebContents>();
  const pathsBeforeReady: string[] = [];
  let ready = false;

  const openLink = createExternalOpener((url) => shell.openExternal(url));
  const queue = new OpenFileQueue((file: OpenedFile) => {
    if (mainWindow === null || mainWindow.isDestroyed()) return false;
    mainWindow.webContents.send(EVENT_CHANNELS.fileOpened, file);
    return true;
  });
  const policy: SenderPolicy = { isTrustedWebContents: (contents) => trustedContents.has(contents) };
  const flushes = new FlushCoordinator(EVENT_CHANNELS.flushRequest);
  /** Set once every window's renderer has flushed for a quit: from then on windows close without asking again. */
  let quitFlushed = false;
  let quitFlushing = false;

  // Writes are chained so an older state can never land after a newer one.
  let saving: Promise<unknown> = Promise.resolve();
  const persist = (): void => {
    saving = saving.then(() => saveShellState(statePath(), state)).catch(() => undefined);
  };

  const sendCommand = (command: MenuCommand): void => {
    if (mainWindow !== null && !mainWindow.isDestroyed())
      mainWindow.webContents.send(EVENT_CHANNELS.menuCommand, command);
  };

  const rememberRecent = (file: string): void => {
    if (!file.toLowerCase().endsWith('.json')) return;
    state = { ...state, recentFiles: addRecentFile(state.recentFiles, file) };
    app.addRecentDocument(file);
    persist();
    installMenu();
  };

  function installMenu(): void {
    const template = buildMenuTemplate({
      appName: APP_NAME,
      isMac,
      isDev,
      recentFiles: state.recentFiles,
      send: sendCommand,
      openRecent: (file) => void openPath(file),
      clearRecent: () => {
        state = { ...state, recentFiles: [] };
        app.clearRecentDocuments();
        persist();
        installMenu();
      },
      openLink: (id) => void openLink(id),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  async function openPath(filePath: string): Promise<void> {
    if (!ready) {
      pathsBeforeReady.push(filePath);
      return;
    }
    // Files from the OS and the command line are plans: the renderer imports them with the plan limit.
    const result = await readTextFile(filePath, OPEN_PLAN.maxBytes);
    if (result.ok) {
      rememberRecent(filePath);
      queue.push(result.file);
      showMainWindow();
    } else {
      if (state.recentFiles.includes(filePath)) {
        state = { ...state, recentFiles: state.recentFiles.filter((f) => f !== filePath) };
        persist();
        installMenu();
      }
      await dialog.showMessageBox({
        type: 'error',
        message: 'The plan could not be opened.',
        detail: result.error,
      });
    }
  }

  function focus(window: BrowserWindow): void {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** The one window: focuses it when it exists, creates it otherwise. Nothing else creates a window. */
  function showMainWindow(): BrowserWindow {
    if (mainWindow !== null && !mainWindow.isDestroyed()) {
      focus(mainWindow);
      return mainWindow;
    }
    return createMainWindow();
  }

  function createMainWindow(): BrowserWindow {
    const bounds = restoreWindowBounds(
      state.window?.bounds,
      screen.getAllDisplays().map((display) => display.workArea),
      screen.getPrimaryDisplay().workArea,
    );
    const window = new BrowserWindow({
      ...bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      title: APP_NAME,
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: createSecureWebPreferences({ preload: preloadPath, devTools: isDev }),
    });
    const contents = window.webContents;
    trustedContents.add(contents);
    mainWindow = window;
    if (state.window?.maximized === true) window.maximize();
    window.once('ready-to-show', () => window.show());
    contents.on('did-start-loading', () => queue.reset());
    contents.on('context-menu', (_event, params) => {
      const template = buildContextMenuTemplate(params);
      if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
    });
    // Closing waits (bounded) for the renderer to write its pending save, then closes for real. During a quit the
    // renderer has already flushed in before-quit, so the window closes at once.
    let flushed = false;
    let flushing = false;
    window.on('close', (event) => {
      if (!flushed && !quitFlushed) {
        event.preventDefault();
        if (flushing) return;
        flushing = true;
        void flushes.flush(contents).then(() => {
          flushed = true;
          if (!window.isDestroyed()) window.close();
        });
        return;
      }
      state = { ...state, window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } };
      saveShellStateSync(statePath(), state);
    });
    window.on('closed', () => {
      trustedContents.delete(contents);
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(APP_INDEX_URL);
    return window;
  }

  /** The native save dialog (in the documents folder, asking before overwriting): the chosen path, or null. */
  async function askWhereToSave(
    window: BrowserWindow | null,
    title: string,
    suggestedName: string,
    filter: Electron.FileFilter,
  ): Promise<string | null> {
    const options: Electron.SaveDialogOptions = {
      title,
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [filter],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const choice = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return choice.canceled || choice.filePath === undefined || choice.filePath === ''
      ? null
      : choice.filePath;
  }

  function registerIpc(): void {
    const onRefusal = (error: Error): void => console.warn(`[headroom] ${error.message}`);
    registerInvokeHandler(
      ipcMain,
      INVOKE_CHANNELS.saveFile,
      policy,
      async (file, event) => {
        const window = BrowserWindow.fromWebContents(event.sender);
        // Only a plan file is a plan: a CSV or an HTML report never joins the recent plans.
        const isPlan = file.mimeType === 'application/json';
        const dialogFor = {
          'text/csv': { title: 'Export CSV report', filter: { name: 'CSV report', extensions: ['csv'] } },
          'text/html': {
            title: 'Save report as HTML',
            filter: { name: 'HTML report', extensions: ['html'] },
          },
          'application/json': {
            title: 'Save plan as',
            filter: { name: 'Headroom plan', extensions: ['json'] },
          },
        }[file.mimeType];
        const where = await askWhereToSave(window, dialogFor.title, file.suggestedName, dialogFor.filter);
        if (where === null) return { saved: false };
        const result = await writeFileAtomic(where, file.contents);
        if (result.saved && isPlan) rememberRecent(where);
        return result;
      },
      onRefusal,
    );
    registerInvokeHandler(
      ipcMain,
      INVOKE_CHANNELS.savePdf,
      policy,
      async (request, event) => {
        const window = BrowserWindow.fromWebContents(event.sender);
        // The sender's page as it is now: the renderer has set the report up for print (src/platform/
        // print-report.ts: only the report shows in print media) and keeps it there until this reply arrives.
        const pdf = await event.sender.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          generateDocumentOutline: true,
        });
        const where = await askWhereToSave(window, 'Save report as PDF', request.suggestedName, {
          name: 'PDF document',
          extensions: ['pdf'],
        });
        return where === null ? { saved: false } : writeFileAtomic(where, pdf);
      },
      onRefusal,
    );
    registerInvokeHandler(
      ipcMain,
      INVOKE_CHANNELS.openFile,
      policy,
      async (request, event) => {
        const window = BrowserWindow.fromWebContents(event.sender);
        const options: Electron.OpenDialogOptions = {
          properties: ['openFile'],
          filters: [
            { name: request.extensions.map((e) => `.${e}`).join(', '), extensions: request.extensions },
          ],
        };
        const choice = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        const chosen = choice.filePaths[0];
        if (choice.canceled || chosen === undefined) return { status: 'canceled' };
        const result = await readTextFile(chosen, request.maxBytes);
        if (!result.ok) return { status: 'refused', error: result.error };
        rememberRecent(chosen);
        return { status: 'opened', file: result.file };
      },
      onRefusal,
    );
    registerInvokeHandler(ipcMain, INVOKE_CHANNELS.takePendingFiles, policy, () => queue.take(), onRefusal);
    registerInvokeHandler(
      ipcMain,
      INVOKE_CHANNELS.flushDone,
      policy,
      (id, event) => {
        flushes.done(id, event.sender);
        return null;
      },
      onRefusal,
    );
  }

  // Registered before `ready`: macOS delivers files opened from Finder (file association) through this event.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    void openPath(filePath);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const file of planFilesFromArgv(argv, workingDirectory)) void openPath(file);
    if (mainWindow !== null && !mainWindow.isDestroyed()) focus(mainWindow);
  });
  // Quitting (menu, Cmd+Q, the last window closing) first lets every renderer write its pending save, bounded; then
  // quits again, and this time lets it through (no loop: quitFlushed), and the windows close without asking again.
  app.on('before-quit', (event) => {
    if (quitFlushed) return;
    const renderers = [...trustedContents].filter((contents) => !contents.isDestroyed());
    if (renderers.length === 0) {
      quitFlushed = true;
      return;
    }
    event.preventDefault();
    if (quitFlushing) return;
    quitFlushing = true;
    void Promise.all(renderers.map((contents) => flushes.flush(contents))).then(() => {
      quitFlushed = true;
      app.quit();
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    installWebContentsGuards(contents, (id) => void openLink(id));
  });
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open shows one; with a window open it only focuses it.
    if (ready) showMainWindow();
  });

  void app.whenReady().then(async () => {
    if (process.platform === 'win32') app.setAppUserModelId('dev.headroom.desktop');
    state = await loadShellState(statePath());
    installSessionGuards(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
    registerIpc();
    installMenu();
    showMainWindow();
    ready = true;
    const initial = [...pathsBeforeReady.splice(0), ...planFilesFromArgv(process.argv, process.cwd())];
    for (const file of initial) await openPath(file);
  });
}
