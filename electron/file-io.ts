import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { OpenedFile, SaveResult } from '../src/platform/types.ts';

/** The file system calls atomic writing needs; tests pass a failing one. */
export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

const realFs: WriteFs = { open: fsp.open, rename: fsp.rename, rm: fsp.rm };

/** Words for the user, from a Node file-system error. */
export function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'You do not have permission to write there.';
    case 'ENOSPC':
      return 'The disk is full.';
    case 'EDQUOT':
      return 'Your disk quota is used up.';
    case 'EROFS':
      return 'That location is read-only.';
    case 'ENOENT':
      return 'The folder does not exist any more.';
    case 'EISDIR':
      return 'A folder with that name already exists.';
    case 'EBUSY':
      return 'The file is in use by another program.';
    case 'ENAMETOOLONG':
      return 'The file name is too long.';
    case 'EFBIG':
      return 'The file is too large for that disk.';
    default:
      return error instanceof Error ? error.message : 'The file could not be written.';
  }
}

/**
 * Writes `contents` to `target` atomically: a temporary file in the same folder, flushed to disk, then renamed over
 * the target. When any step fails the temporary file is removed and the old target is left exactly as it was.
 */
export async function writeFileAtomic(
  target: string,
  contents: string,
  fs: WriteFs = realFs,
): Promise<SaveResult> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    return { saved: true, path: target };
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return { saved: false, path: target, error: describeFsError(error) };
  }
}

export type ReadResult = { ok: true; file: OpenedFile } | { ok: false; error: string };

/** Reads a UTF-8 text file of at most `maxBytes`, refusing folders, devices and binary content. */
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
    const contents = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
    if (contents.includes('\0')) return { ok: false, error: `${name} is not a text file.` };
    return { ok: true, file: { name, contents } };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, error: `${name} is not UTF-8 text.` };
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'ENOENT') return { ok: false, error: `${name} does not exist.` };
    if (code === 'EACCES' || code === 'EPERM')
      return { ok: false, error: `You do not have permission to read ${name}.` };
    return { ok: false, error: `${name} could not be read.` };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
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
