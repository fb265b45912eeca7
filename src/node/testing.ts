// Test support for src/node (imported by tests only).
import { spawnSync } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { nodeWriteFs, type WriteFs } from './write-file.ts';

/**
 * A null character device for a test to write to. Run as root, a writer that replaced devices would replace
 * /dev/null itself (it happened while the old writer was checked against these tests), so root gets a device node of
 * its own in `dir` (mknod, the same device numbers); anyone else gets /dev/null, which they cannot replace.
 */
export function nullDevice(dir: string): string {
  if (process.getuid?.() !== 0) return '/dev/null';
  const node = path.join(dir, 'null');
  const r = spawnSync('mknod', ['-m', '666', node, 'c', '1', '3'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mknod failed: ${r.stderr}`);
  return node;
}

/** A Node file-system error with its code, as fs would throw it. */
export const fsError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

/** The real file system, except that one step of a write fails: the data write (ENOSPC), the fsync (EIO) or the rename (EACCES). */
export function failingWriteFs(step: 'write' | 'sync' | 'rename'): WriteFs {
  return {
    ...nodeWriteFs,
    open: (async (...args: Parameters<typeof fsp.open>) => {
      const handle = await fsp.open(...args);
      if (step === 'write') handle.writeFile = () => Promise.reject(fsError('ENOSPC'));
      if (step === 'sync') handle.sync = () => Promise.reject(fsError('EIO'));
      return handle;
    }) as typeof fsp.open,
    rename: step === 'rename' ? () => Promise.reject(fsError('EACCES')) : fsp.rename,
  };
}
