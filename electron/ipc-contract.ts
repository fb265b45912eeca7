// The IPC contract between main and preload, declared once. The preload imports this file (no runtime
// dependencies, so its bundle stays tiny); main adds the zod schemas in ipc-schemas.ts, checked against these types.
import { IPC_ENVELOPE_BYTES, LARGEST_FILE_BYTES } from '../src/limits/files.ts';
import type { OpenFileOptions, OpenFileResult, PdfToSave } from '../src/platform/electron-bridge.ts';
import type { FileToSave, MenuCommand, OpenedFile, SaveResult } from '../src/platform/types.ts';

/** Renderer → main requests (`ipcRenderer.invoke` / `ipcMain.handle`), with their request and reply types. */
export const INVOKE_CHANNELS = {
  saveFile: 'headroom:save-file',
  /** Print / Save as PDF: main prints the sender's page (the report set up for print) and saves the PDF. */
  savePdf: 'headroom:save-pdf',
  openFile: 'headroom:open-file',
  takePendingFiles: 'headroom:take-pending-files',
  /** The renderer's answer to a flush request: the request's id, once its pending saves are written. */
  flushDone: 'headroom:flush-done',
} as const;

/** Main → renderer events (`webContents.send` / `ipcRenderer.on`). */
export const EVENT_CHANNELS = {
  menuCommand: 'headroom:menu-command',
  fileOpened: 'headroom:file-opened',
  /** Before a window closes or the app quits: "write pending saves now", with an id the answer repeats. */
  flushRequest: 'headroom:flush-request',
} as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[keyof typeof INVOKE_CHANNELS];
export type EventChannel = (typeof EVENT_CHANNELS)[keyof typeof EVENT_CHANNELS];

export interface InvokeContract {
  [INVOKE_CHANNELS.saveFile]: { request: FileToSave; reply: SaveResult };
  [INVOKE_CHANNELS.savePdf]: { request: PdfToSave; reply: SaveResult };
  [INVOKE_CHANNELS.openFile]: { request: OpenFileOptions; reply: OpenFileResult };
  [INVOKE_CHANNELS.takePendingFiles]: { request: null; reply: OpenedFile[] };
  [INVOKE_CHANNELS.flushDone]: { request: number; reply: null };
}

export interface EventContract {
  [EVENT_CHANNELS.menuCommand]: MenuCommand;
  [EVENT_CHANNELS.fileOpened]: OpenedFile;
  [EVENT_CHANNELS.flushRequest]: number;
}

/** Derived from the renderer's FILE_LIMITS (src/limits/files.ts), never set here: both sides read one number. */
export const IPC_LIMITS = Object.freeze({
  /** Largest file the app reads or writes (the largest of the plan, restore and traffic limits). */
  maxFileBytes: LARGEST_FILE_BYTES,
  /** Largest request as measured by `payloadSize` (UTF-8 bytes of its strings, plus a little per value). */
  maxPayloadBytes: LARGEST_FILE_BYTES + IPC_ENVELOPE_BYTES,
  maxFileNameLength: 255,
  maxExtensions: 8,
});
