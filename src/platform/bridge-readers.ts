// The renderer's readers for everything the desktop shell sends back: invoke replies (read in electron-bridge.ts)
// and event payloads (read in electron/preload.ts). Main is trusted, but a reply of the wrong shape must become a
// clear failure, not a crash later; and electron/contract.test.ts checks that every reply main builds passes these.
// Dependency-free: the sandboxed preload bundles it.
import { MENU_COMMANDS, type MenuCommand, type OpenedFile, type SaveResult } from './types.ts';

/** What the main process answers to an open request (declared here so the preload need not import the bridge). */
export type OpenFileResult =
  { status: 'opened'; file: OpenedFile } | { status: 'canceled' } | { status: 'refused'; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

export function readMenuCommand(value: unknown): MenuCommand | null {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
    ? (value as MenuCommand)
    : null;
}

/** A file as `{ name, contents }` only (anything else on the object is dropped). */
export function readOpenedFile(value: unknown): OpenedFile | null {
  if (!isRecord(value)) return null;
  const { name, contents } = value;
  return typeof name === 'string' && typeof contents === 'string' ? { name, contents } : null;
}

export function readOpenedFiles(value: unknown): OpenedFile[] | null {
  if (!Array.isArray(value)) return null;
  return value.map(readOpenedFile).filter((file): file is OpenedFile => file !== null);
}

export function readSaveResult(value: unknown): SaveResult | null {
  if (!isRecord(value) || typeof value.saved !== 'boolean') return null;
  if (!optionalString(value.path) || !optionalString(value.error)) return null;
  const result: SaveResult = { saved: value.saved };
  if (value.path !== undefined) result.path = value.path;
  if (value.error !== undefined) result.error = value.error;
  return result;
}

export function readOpenFileResult(value: unknown): OpenFileResult | null {
  if (!isRecord(value)) return null;
  switch (value.status) {
    case 'opened': {
      const file = readOpenedFile(value.file);
      return file === null ? null : { status: 'opened', file };
    }
    case 'canceled':
      return { status: 'canceled' };
    case 'refused':
      return typeof value.error === 'string' ? { status: 'refused', error: value.error } : null;
    default:
      return null;
  }
}

/** The id of a flush request (a positive safe integer), or null. */
export function readFlushRequestId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}
