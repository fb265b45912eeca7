// Test support for src/node (imported by tests only).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

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
