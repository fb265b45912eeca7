// The renderer side of the desktop shell: wraps the preload's `window.headroom` bridge in the `Platform` interface.
// The bridge type is declared here (renderer-owned) and the preload is checked against it with `satisfies`.
import type { FileToSave, MenuCommand, OpenedFile, Platform, SaveResult } from './types.ts';

export interface OpenFileOptions {
  extensions: string[];
  maxBytes: number;
}

/** What the main process answers to an open request. */
export type OpenFileResult =
  { status: 'opened'; file: OpenedFile } | { status: 'canceled' } | { status: 'refused'; error: string };

/** Exactly what electron/preload.ts exposes as `window.headroom`: one named function per message. */
export interface HeadroomBridge {
  saveFile(file: FileToSave): Promise<SaveResult>;
  openFile(options: OpenFileOptions): Promise<OpenFileResult>;
  /** Subscribes to native menu commands; returns an unsubscribe function. */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /** Subscribes to files opened from the OS or the command line (queued ones are delivered at once). */
  onOpenFile(handler: (file: OpenedFile) => void): () => void;
}

/** The names the preload exposes, and nothing else (checked by a test on the preload). */
export const HEADROOM_BRIDGE_KEYS = [
  'saveFile',
  'openFile',
  'onMenuCommand',
  'onOpenFile',
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

export function createElectronPlatform(bridge: HeadroomBridge): Platform {
  return {
    kind: 'electron',
    async saveFile(file) {
      try {
        return await bridge.saveFile(file);
      } catch (error) {
        return { saved: false, error: `The file could not be saved: ${messageOf(error)}` };
      }
    },
    async openFile(options) {
      const result = await bridge.openFile({
        extensions: [...options.extensions],
        maxBytes: options.maxBytes,
      });
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
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
