// The IPC contract between main and preload, declared once. The preload imports this file (no runtime
// dependencies, so its bundle stays tiny); main adds the zod schemas in ipc-schemas.ts, checked against these types.
import type { OpenFileOptions, OpenFileResult } from '../src/platform/electron-bridge.ts';
import type { FileToSave, MenuCommand, OpenedFile, SaveResult } from '../src/platform/types.ts';

/** Renderer → main requests (`ipcRenderer.invoke` / `ipcMain.handle`), with their request and reply types. */
export const INVOKE_CHANNELS = {
  saveFile: 'headroom:save-file',
  openFile: 'headroom:open-file',
  takePendingFiles: 'headroom:take-pending-files',
} as const;

/** Main → renderer events (`webContents.send` / `ipcRenderer.on`). */
export const EVENT_CHANNELS = {
  menuCommand: 'headroom:menu-command',
  fileOpened: 'headroom:file-opened',
} as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[keyof typeof INVOKE_CHANNELS];
export type EventChannel = (typeof EVENT_CHANNELS)[keyof typeof EVENT_CHANNELS];

export interface InvokeContract {
  [INVOKE_CHANNELS.saveFile]: { request: FileToSave; reply: SaveResult };
  [INVOKE_CHANNELS.openFile]: { request: OpenFileOptions; reply: OpenFileResult };
  [INVOKE_CHANNELS.takePendingFiles]: { request: null; reply: OpenedFile[] };
}

export interface EventContract {
  [EVENT_CHANNELS.menuCommand]: MenuCommand;
  [EVENT_CHANNELS.fileOpened]: OpenedFile;
}

const MiB = 1024 * 1024;

export const IPC_LIMITS = Object.freeze({
  /** Largest file the app reads or writes. Plans and CSV reports are far smaller. */
  maxFileBytes: 20 * MiB,
  /** Largest serialized request (the file plus its envelope). */
  maxPayloadBytes: 21 * MiB,
  maxFileNameLength: 255,
  maxExtensions: 8,
});
