// The preload: the renderer's only way to the main process. It exposes `window.headroom` with one named function per
// message; it never exposes ipcRenderer or a generic send/invoke, and callbacks never see the IPC event object.
// Bundled into one CommonJS file (sandboxed preloads may only require 'electron').
import { contextBridge, ipcRenderer } from 'electron';
import type {
  HeadroomBridge,
  OpenFileOptions,
  OpenFileResult,
  PdfToSave,
} from '../src/platform/electron-bridge.ts';
import {
  readFlushRequestId,
  readMenuCommand,
  readOpenedFile,
  readOpenedFiles,
} from '../src/platform/bridge-readers.ts';
import type { FileToSave, MenuCommand, OpenedFile, SaveResult } from '../src/platform/types.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './ipc-contract.ts';

// Flush requests are answered even when nothing has subscribed (the app has not started yet, or a reload is under
// way): there is nothing to write then, and main should not wait out its bound. So the listener is installed once,
// here, and runs whatever handlers are subscribed at the time.
const flushHandlers = new Set<() => Promise<void>>();
ipcRenderer.on(EVENT_CHANNELS.flushRequest, (_event: Electron.IpcRendererEvent, value: unknown) => {
  const id = readFlushRequestId(value);
  if (id === null) return;
  const running = [...flushHandlers].map((handler) => Promise.resolve().then(handler));
  // A failed flush is still an answer: main closes the window either way, and waiting longer would not help.
  void Promise.allSettled(running).then(() =>
    (ipcRenderer.invoke(INVOKE_CHANNELS.flushDone, id) as Promise<unknown>).catch(() => undefined),
  );
});

export const bridge = {
  saveFile(file: FileToSave): Promise<SaveResult> {
    return ipcRenderer.invoke(INVOKE_CHANNELS.saveFile, file) as Promise<SaveResult>;
  },
  savePdf(request: PdfToSave): Promise<SaveResult> {
    return ipcRenderer.invoke(INVOKE_CHANNELS.savePdf, request) as Promise<SaveResult>;
  },
  openFile(options: OpenFileOptions): Promise<OpenFileResult> {
    return ipcRenderer.invoke(INVOKE_CHANNELS.openFile, options) as Promise<OpenFileResult>;
  },
  onMenuCommand(handler: (command: MenuCommand) => void): () => void {
    const listener = (_event: Electron.IpcRendererEvent, value: unknown): void => {
      const command = readMenuCommand(value);
      if (command !== null) handler(command);
    };
    ipcRenderer.on(EVENT_CHANNELS.menuCommand, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNELS.menuCommand, listener);
    };
  },
  onOpenFile(handler: (file: OpenedFile) => void): () => void {
    let active = true;
    const deliver = (file: OpenedFile | null): void => {
      if (active && file !== null) handler(file);
    };
    const listener = (_event: Electron.IpcRendererEvent, file: unknown): void =>
      deliver(readOpenedFile(file));
    ipcRenderer.on(EVENT_CHANNELS.fileOpened, listener);
    // Files opened before the renderer subscribed (command line, Finder) waited in main; collect them now.
    void (ipcRenderer.invoke(INVOKE_CHANNELS.takePendingFiles, null) as Promise<unknown>).then(
      (files) => {
        for (const file of readOpenedFiles(files) ?? []) deliver(file);
      },
      () => undefined,
    );
    return () => {
      active = false;
      ipcRenderer.removeListener(EVENT_CHANNELS.fileOpened, listener);
    };
  },
  onFlushRequest(handler: () => Promise<void>): () => void {
    // Wrapped, so subscribing the same function twice gives two independent subscriptions.
    const entry = (): Promise<void> => handler();
    flushHandlers.add(entry);
    return () => {
      flushHandlers.delete(entry);
    };
  },
} satisfies HeadroomBridge;

contextBridge.exposeInMainWorld('headroom', bridge);
