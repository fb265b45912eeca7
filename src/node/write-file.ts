// Writing a file so that readers never see half of it, without replacing what the user pointed at. Node only: shared
// by the CLI (`--out`) and the desktop app's main process (Save…); the renderer never imports it (ESLint layering).
//
// What the target is decides how it is written:
// - a symbolic link is followed to its final target (a dangling link: that target is created), so the link stays;
// - a FIFO or a character/block device is written directly (open, write; no temporary file, no rename), as a shell's
//   `>` would; with `devices: 'refuse'` (the desktop app) devices are refused and a FIFO must already have a reader,
//   so a save from a dialog can neither write to a disk device nor hang on a pipe nobody reads;
// - a socket or a folder is refused;
// - a regular file with more than one hard link is rewritten in place (truncate, write, fsync), so every link keeps
//   seeing it; if that write fails the old contents are written back;
// - any other file is replaced atomically: a temporary file in the same folder, flushed, given the old file's mode
//   (and owner, where allowed), then renamed over it. A new file gets the default mode (0666 less the umask).
// On any failure the temporary file is removed and the old target is left as it was.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** The file system calls writing needs; tests pass failing ones. */
export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
  lstat: typeof fsp.lstat;
  stat: typeof fsp.stat;
  readlink: typeof fsp.readlink;
  readFile: typeof fsp.readFile;
}

export const nodeWriteFs: WriteFs = {
  open: fsp.open,
  rename: fsp.rename,
  rm: fsp.rm,
  lstat: fsp.lstat,
  stat: fsp.stat,
  readlink: fsp.readlink,
  readFile: fsp.readFile,
};

export interface WriteOptions {
  /** 'write' (the CLI): devices and FIFOs are written like a shell's `>`. 'refuse' (the desktop app): see above. */
  devices?: 'write' | 'refuse';
  fs?: WriteFs;
}

/** How a target was written (for tests and logs). */
export type WriteMode = 'replaced' | 'created' | 'in-place' | 'direct';

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Follows symbolic links to the path that finally holds the data; it need not exist (a dangling link). */
async function finalPath(target: string, fs: WriteFs): Promise<string> {
  let current = path.resolve(target);
  for (let hops = 0; hops < 40; hops += 1) {
    let info;
    try {
      info = await fs.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!info.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw fsError('ELOOP', 'too many symbolic links');
}

/** Writes `contents` (text as UTF-8, or bytes: a PDF) to `target` as described above; rejects with a Node file-system error. */
export async function writeFileSafely(
  target: string,
  contents: string | Uint8Array,
  options: WriteOptions = {},
): Promise<WriteMode> {
  const fs = options.fs ?? nodeWriteFs;
  const file = await finalPath(target, fs);
  let info: Stats | undefined;
  try {
    info = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (info === undefined) {
    await replace(file, contents, undefined, fs);
    return 'created';
  }
  if (info.isDirectory()) throw fsError('EISDIR', 'it is a folder');
  if (info.isSocket()) throw fsError('ESOCKET', 'it is a socket');
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    if (options.devices === 'refuse') throw fsError('EDEVICE', 'it is a device');
    await writeDirect(file, contents, constants.O_WRONLY, fs);
    return 'direct';
  }
  if (info.isFIFO()) {
    if (options.devices === 'refuse') {
      // Without a reader, opening a FIFO for writing waits forever; O_NONBLOCK makes it fail (ENXIO) instead. The
      // probe stays open until the real (blocking) handle is open, or closing it would end the reader's input.
      const probe = await fs.open(file, constants.O_WRONLY | constants.O_NONBLOCK).catch((error: unknown) => {
        throw (error as NodeJS.ErrnoException).code === 'ENXIO'
          ? fsError('ENOREADER', 'nothing reads from the pipe')
          : error;
      });
      let handle;
      try {
        handle = await fs.open(file, constants.O_WRONLY);
      } finally {
        await probe.close();
      }
      try {
        await handle.writeFile(contents, 'utf8');
      } finally {
        await handle.close();
      }
      return 'direct';
    }
    await writeDirect(file, contents, constants.O_WRONLY, fs);
    return 'direct';
  }
  if (info.nlink > 1) {
    await writeInPlace(file, contents, fs);
    return 'in-place';
  }
  await replace(file, contents, info, fs);
  return 'replaced';
}

async function writeDirect(
  file: string,
  contents: string | Uint8Array,
  flags: number,
  fs: WriteFs,
): Promise<void> {
  const handle = await fs.open(file, flags);
  try {
    await handle.writeFile(contents, 'utf8');
  } finally {
    await handle.close();
  }
}

async function writeInPlace(file: string, contents: string | Uint8Array, fs: WriteFs): Promise<void> {
  const old = await fs.readFile(file);
  const handle = await fs.open(file, 'r+');
  try {
    try {
      await handle.truncate(0);
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } catch (error) {
      // Put the old contents back (it fit before), then report the failure.
      await handle
        .truncate(0)
        .then(() => handle.write(old, 0, old.length, 0))
        .then(() => handle.sync())
        .catch(() => undefined);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

async function replace(
  file: string,
  contents: string | Uint8Array,
  old: Stats | undefined,
  fs: WriteFs,
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o666);
    try {
      if (old !== undefined) {
        // The old file's owner and group where the OS lets us (root; a group we belong to), then its permissions
        // (a 0600 file stays private). Set-id bits are not carried over onto a file someone else may now own.
        await handle.chown(old.uid, old.gid).catch(() => undefined);
        await handle.chmod(old.mode & 0o777);
      }
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Words for the user, from a Node file-system error (or one of writeFileSafely's own refusals). */
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
    case 'ELOOP':
      return 'That name is a loop of symbolic links.';
    case 'EDEVICE':
      return 'That is a device, not a file; Headroom saves only to files and pipes.';
    case 'ESOCKET':
      return 'That is a socket, not a file.';
    case 'ENOREADER':
      return 'That is a pipe and nothing is reading from it.';
    default:
      return error instanceof Error ? error.message : 'The file could not be written.';
  }
}
