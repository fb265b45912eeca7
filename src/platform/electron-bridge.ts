// The renderer side of the desktop shell: wraps the preload's `window.headroom` bridge in the `Platform` interface.
// The bridge type is declared here (renderer-owned) and the preload is checked against it with `satisfies`.
import { formatBytes, LARGEST_FILE_BYTES, utf8ByteLength } from '../limits/files.ts';
import { readOpenFileResult, readSaveResult, type OpenFileResult } from './bridge-readers.ts';
import type { FileToSave, MenuCommand, OpenedFile, Platform, ReportToPrint, SaveResult } from './types.ts';

export type { OpenFileResult } from './bridge-readers.ts';

/** An open request as it crosses IPC (a plain, cloneable copy of an `OpenFileRequest`). */
export interface OpenFileOptions {
  extensions: string[];
  maxBytes: number;
}

/**
 * Print / Save as PDF as it crosses IPC: only the name to suggest. What is printed is the sender's own page, with the
 * report set up for print in it (print-report.ts); main prints that page to PDF and asks where to save it.
 */
export interface PdfToSave {
  suggestedName: string;
}

/** Exactly what electron/preload.ts exposes as `window.headroom`: one named function per message. */
export interface HeadroomBridge {
  saveFile(file: FileToSave): Promise<SaveResult>;
  /** Prints the calling page to a PDF file the user chooses (webContents.printToPDF in main). */
  savePdf(request: PdfToSave): Promise<SaveResult>;
  openFile(options: OpenFileOptions): Promise<OpenFileResult>;
  /** Subscribes to native menu commands; returns an unsubscribe function. */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /** Subscribes to files opened from the OS or the command line (queued ones are delivered at once). */
  onOpenFile(handler: (file: OpenedFile) => void): () => void;
  /**
   * Subscribes to the shell's "write pending saves now" request (before a window closes or the app quits). The
   * shell waits, with a bound, until the handler's promise settles. Returns an unsubscribe function.
   */
  onFlushRequest(handler: () => Promise<void>): () => void;
}

/** The names the preload exposes, and nothing else (checked by a test on the preload). */
export const HEADROOM_BRIDGE_KEYS = [
  'saveFile',
  'savePdf',
  'openFile',
  'onMenuCommand',
  'onOpenFile',
  'onFlushRequest',
] as const satisfies ReadonlyArray<keyof HeadroomBridge>;

declare global {
  interface Window {
    /** Present only inside the desktop app (set by the preload through contextBridge). */
    headroom?: HeadroomBridge;
  }
}

/** Error thrown by `openFile` when the shell refuses a file (too big, unreadable, not text). */
export class OpenFileRefusedError extends Error {
  override name = 'OpenFileRefusedError';
}

export function isHeadroomBridge(value: unknown): value is HeadroomBridge {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return HEADROOM_BRIDGE_KEYS.every((key) => typeof record[key] === 'function');
}

/**
 * `prepare` sets a report up for printing in the renderer's page and returns its clean-up: showReportForPrint on the
 * page's document (src/platform/index.ts; kept out of this file, which the main process's type check also reads
 * and which has no DOM there). Without it, printing says it cannot.
 */
export function createElectronPlatform(
  bridge: HeadroomBridge,
  prepare: ((report: ReportToPrint) => () => void) | null = null,
): Platform {
  return {
    kind: 'electron',
    async saveFile(file) {
      // Said in words here rather than refused by the shell's schema as a bare "invalid payload".
      const tooLarge = saveSizeProblem(file);
      if (tooLarge !== null) return { saved: false, error: tooLarge };
      try {
        const result = readSaveResult(await bridge.saveFile(file));
        return (
          result ?? { saved: false, error: 'The file could not be saved: the app sent an unexpected reply.' }
        );
      } catch (error) {
        return { saved: false, error: `The file could not be saved: ${messageOf(error)}` };
      }
    },
    async printReport(report) {
      let done: (() => void) | undefined;
      try {
        if (prepare === null) return { saved: false, error: 'This window cannot print the report.' };
        done = prepare(report);
        // A plain object with the one field the channel takes (main's schema is strict).
        const result = readSaveResult(await bridge.savePdf({ suggestedName: report.suggestedName }));
        return (
          result ?? { saved: false, error: 'The PDF could not be saved: the app sent an unexpected reply.' }
        );
      } catch (error) {
        return { saved: false, error: `The PDF could not be saved: ${messageOf(error)}` };
      } finally {
        done?.();
      }
    },
    async openFile(options) {
      // A plain copy: the request may be frozen or a reactive proxy, and IPC clones what it sends.
      const reply = await bridge.openFile({
        extensions: [...options.extensions],
        maxBytes: options.maxBytes,
      });
      const result: OpenFileResult | null = readOpenFileResult(reply);
      if (result === null)
        throw new OpenFileRefusedError('The file could not be opened: the app sent an unexpected reply.');
      switch (result.status) {
        case 'opened':
          return result.file;
        case 'canceled':
          return null;
        case 'refused':
          throw new OpenFileRefusedError(result.error);
      }
    },
    onMenuCommand(handler) {
      return bridge.onMenuCommand(handler);
    },
    onOpenFile(handler) {
      return bridge.onOpenFile(handler);
    },
    onFlushRequest(handler) {
      return bridge.onFlushRequest(handler);
    },
  };
}

/** Why `file` is too large to save through the shell, in words, or null when it is not. */
export function saveSizeProblem(file: FileToSave): string | null {
  const { contents } = file;
  // UTF-8 needs at least one byte and at most three per UTF-16 unit: count only when it could matter.
  if (contents.length * 3 <= LARGEST_FILE_BYTES) return null;
  const bytes = utf8ByteLength(contents);
  if (bytes <= LARGEST_FILE_BYTES) return null;
  return `"${file.suggestedName}" would be ${formatBytes(bytes)}; files up to ${formatBytes(LARGEST_FILE_BYTES)} can be saved.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
