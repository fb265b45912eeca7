// The preload: the renderer's only way to the main process. It exposes `window.headroom` with one named function per
// message; it never exposes ipcRenderer or a generic send/invoke, and callbacks never see the IPC event object.
// Bundled into one CommonJS file (sandboxed preloads may only require 'electron').
import { contextBridge, ipcRenderer } from 'electron';
import type { HeadroomBridge, OpenFileOptions, OpenFileResult } from '../src/platform/electron-bridge.ts';
import {
  MENU_COMMANDS,
  type FileToSave,
  type MenuCommand,
  type OpenedFile,
  type SaveResult,
} from '../src/platform/types.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './ipc-contract.ts';

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

function asOpenedFile(value: unknown): OpenedFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, contents } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof contents === 'string' ? { name, contents } : null;
}

export const bridge = {
  saveFile(file: FileToSave): Promise<SaveResult> {
    return ipcRenderer.invoke(INVOKE_CHANNELS.saveFile, file) as Promise<SaveResult>;
  },
  openFile(options: OpenFileOptions): Promise<OpenFileResult> {
    return ipcRenderer.invoke(INVOKE_CHANNELS.openFile, options) as Promise<OpenFileResult>;
  },
  onMenuCommand(handler: (command: MenuCommand) => void): () => void {
    const listener = (_event: Electron.IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) handler(command);
    };
    ipcRenderer.on(EVENT_CHANNELS.menuCommand, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNELS.menuCommand, listener);
    };
  },
  onOpenFile(handler: (file: OpenedFile) => void): () => void {
    let active = true;
    const deliver = (value: unknown): void => {
      const file = asOpenedFile(value);
      if (active && file !== null) handler(file);
    };
    const listener = (_event: Electron.IpcRendererEvent, file: unknown): void => deliver(file);
    ipcRenderer.on(EVENT_CHANNELS.fileOpened, listener);
    // Files opened before the renderer subscribed (command line, Finder) waited in main; collect them now.
    void (ipcRenderer.invoke(INVOKE_CHANNELS.takePendingFiles, null) as Promise<unknown>).then(
      (files) => {
        if (Array.isArray(files)) for (const file of files) deliver(file);
      },
      () => undefined,
    );
    return () => {
      active = false;
      ipcRenderer.removeListener(EVENT_CHANNELS.fileOpened, listener);
    };
  },
} satisfies HeadroomBridge;

contextBridge.exposeInMainWorld('headroom', bridge);
