import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from '../src/limits/files.ts';
import { describeFsError, writeFileSafely, type WriteFs } from '../src/node/write-file.ts';
import type { OpenedFile, SaveResult } from '../src/platform/types.ts';
import { decodeText } from '../src/text/decode.ts';

export { describeFsError, type WriteFs };

/**
 * Saves `contents` (text as UTF-8, or bytes: a PDF) to `target` (src/node/write-file.ts): atomically for an ordinary file, through a symbolic link, in
 * place for a hard-linked file, keeping the file's mode. A save dialog may not write to a device or to a pipe nobody
 * reads. On failure the old target is left as it was and the result says why in words.
 */
export async function writeFileAtomic(
  target: string,
  contents: string | Uint8Array,
  fs?: WriteFs,
): Promise<SaveResult> {
  try {
    await writeFileSafely(target, contents, { devices: 'refuse', ...(fs ? { fs } : {}) });
    return { saved: true, path: target };
  } catch (error) {
    return { saved: false, path: target, error: describeFsError(error) };
  }
}

export type ReadResult = { ok: true; file: OpenedFile } | { ok: false; error: string };

/** Reads a text file of at most `maxBytes` (decoded by src/text/decode.ts), refusing folders and devices. */
export async function readTextFile(filePath: string, maxBytes: number): Promise<ReadResult> {
  const name = path.basename(filePath);
  try {
    const info = await fsp.stat(filePath);
    if (!info.isFile()) return { ok: false, error: `${name} is not a file.` };
    if (info.size > maxBytes) {
      return {
        ok: false,
        error: `${name} is too large (${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)}).`,
      };
    }
    const buffer = await fsp.readFile(filePath);
    if (buffer.length > maxBytes) return { ok: false, error: `${name} is too large.` };
    const decoded = decodeText(buffer);
    if (!decoded.ok) return { ok: false, error: `${name} ${decoded.message}.` };
    return { ok: true, file: { name, contents: decoded.text } };
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'ENOENT') return { ok: false, error: `${name} does not exist.` };
    if (code === 'EACCES' || code === 'EPERM')
      return { ok: false, error: `You do not have permission to read ${name}.` };
    return { ok: false, error: `${name} could not be read.` };
  }
}

/** Plan files named on the command line (`headroom-desktop plan.json`), resolved against the working folder. */
export function planFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  // argv[0] is the executable; in development argv[1] is the app folder (".").
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith('.json')) continue;
    const resolved = path.resolve(cwd, arg);
    if (!files.includes(resolved)) files.push(resolved);
  }
  return files;
}
