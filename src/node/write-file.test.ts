import { spawn, spawnSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failingWriteFs, fsError, nullDevice } from './testing.ts';
import { describeFsError, nodeWriteFs, writeFileSafely, type WriteFs } from './write-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'headroom-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const posix = process.platform !== 'win32';
const umask = () => process.umask();

function mkfifo(p: string): void {
  const r = spawnSync('mkfifo', [p]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

describe('writeFileSafely', () => {
  it('creates a new file with the default mode (0666 less the umask) and leaves no temporary file', async () => {
    const target = path.join(dir, 'report.csv');
    expect(await writeFileSafely(target, 'a,b\n')).toBe('created');
    expect(readFileSync(target, 'utf8')).toBe('a,b\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
    if (posix) expect(statSync(target).mode & 0o777).toBe(0o666 & ~umask());
  });

  it('replaces an ordinary file atomically (a new inode) and keeps its mode 0600', async () => {
    const target = path.join(dir, 'plan.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const before = statSync(target).ino;
    expect(await writeFileSafely(target, 'new ✓')).toBe('replaced');
    expect(readFileSync(target, 'utf8')).toBe('new ✓');
    if (posix) expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(target).ino).not.toBe(before);
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it.runIf(posix)('keeps an executable or group-readable mode as it was (0750)', async () => {
    const target = path.join(dir, 'x.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o750);
    await writeFileSafely(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o750);
  });

  it.runIf(posix)('writes through a symbolic link to its target; the link stays a link', async () => {
    mkdirSync(path.join(dir, 'real'));
    const real = path.join(dir, 'real', 'plan.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o640);
    const link = path.join(dir, 'link.json');
    symlinkSync(path.join('real', 'plan.json'), link);
    expect(await writeFileSafely(link, 'new')).toBe('replaced');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('real', 'plan.json'));
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o640);
    // The temporary file was made beside the real file, and is gone.
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['plan.json']);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real']);
  });

  it.runIf(posix)('follows a chain of links, and creates the target of a dangling link', async () => {
    const final = path.join(dir, 'final.json');
    symlinkSync('final.json', path.join(dir, 'b.json'));
    symlinkSync('b.json', path.join(dir, 'a.json'));
    expect(await writeFileSafely(path.join(dir, 'a.json'), 'made')).toBe('created');
    expect(readFileSync(final, 'utf8')).toBe('made');
    expect(lstatSync(path.join(dir, 'a.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'b.json')).isSymbolicLink()).toBe(true);
  });

  it.runIf(posix)('refuses a loop of links', async () => {
    symlinkSync('b', path.join(dir, 'a'));
    symlinkSync('a', path.join(dir, 'b'));
    const error = await writeFileSafely(path.join(dir, 'a'), 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ELOOP' });
    expect(describeFsError(error)).toBe('That name is a loop of symbolic links.');
  });

  it('rewrites a hard-linked file in place, so every link sees the new contents', async () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    writeFileSync(a, 'old and longer than the new text');
    chmodSync(a, 0o600);
    linkSync(a, b);
    const ino = statSync(a).ino;
    expect(await writeFileSafely(a, 'new')).toBe('in-place');
    expect(readFileSync(b, 'utf8')).toBe('new');
    expect(statSync(a).ino).toBe(ino);
    expect(statSync(a).nlink).toBe(2);
    if (posix) expect(statSync(a).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('puts a hard-linked file back as it was when the in-place write fails', async () => {
    const a = path.join(dir, 'a.json');
    writeFileSync(a, 'old contents');
    linkSync(a, path.join(dir, 'b.json'));
    const failing: WriteFs = {
      ...nodeWriteFs,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        handle.writeFile = async (data) => {
          await handle.write(String(data).slice(0, 2), 0);
          throw fsError('ENOSPC');
        };
        return handle;
      }) as typeof fsp.open,
    };
    await expect(writeFileSafely(a, 'new contents', { fs: failing })).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe('old contents');
  });

  it.runIf(posix)('writes into a FIFO directly (for its reader); the FIFO stays a FIFO', async () => {
    const fifo = path.join(dir, 'pipe');
    mkfifo(fifo);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    // Opening a FIFO for writing waits for its reader, as a shell's `>` does.
    expect(await writeFileSafely(fifo, 'report ✓\n')).toBe('direct');
    await closed;
    expect(got).toBe('report ✓\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it.runIf(posix)(
    'with devices: "refuse", writes a FIFO that has a reader, refuses one that has none',
    async () => {
      const fifo = path.join(dir, 'pipe');
      mkfifo(fifo);
      const none = await writeFileSafely(fifo, 'x', { devices: 'refuse' }).catch((e: unknown) => e);
      expect(none).toMatchObject({ code: 'ENOREADER' });
      expect(describeFsError(none)).toBe('That is a pipe and nothing is reading from it.');
      const reader = spawn('cat', [fifo]);
      let got = '';
      reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
      const closed = new Promise((resolve) => reader.on('close', resolve));
      // The reader opens the FIFO in its own time: retry until it is there.
      for (;;) {
        const r = await writeFileSafely(fifo, 'saved', { devices: 'refuse' }).catch((e: unknown) => e);
        if (r === 'direct') break;
        expect(r).toMatchObject({ code: 'ENOREADER' });
        await new Promise((resolve) => setImmediate(resolve));
      }
      await closed;
      expect(got).toBe('saved');
    },
  );

  it.runIf(posix)(
    'writes to a character device (a null device) directly, or refuses it for a save dialog',
    async () => {
      const device = nullDevice(dir);
      expect(await writeFileSafely(device, 'discarded')).toBe('direct');
      expect(statSync(device).isCharacterDevice()).toBe(true);
      const refused = await writeFileSafely(device, 'x', { devices: 'refuse' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'EDEVICE' });
      expect(describeFsError(refused)).toMatch(/device, not a file/);
    },
  );

  it.runIf(posix)('refuses a socket and a folder, leaving them as they were', async () => {
    const sock = path.join(dir, 's.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      await expect(writeFileSafely(sock, 'x')).rejects.toMatchObject({ code: 'ESOCKET' });
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    mkdirSync(path.join(dir, 'folder'));
    await expect(writeFileSafely(path.join(dir, 'folder'), 'x')).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it.each(['write', 'sync', 'rename'] as const)(
    'leaves the old file intact and removes the temporary file when %s fails',
    async (step) => {
      const target = path.join(dir, 'plan.json');
      writeFileSync(target, 'old contents');
      const failing = failingWriteFs(step);
      await expect(writeFileSafely(target, 'new contents', { fs: failing })).rejects.toBeTruthy();
      expect(readFileSync(target, 'utf8')).toBe('old contents');
      expect(readdirSync(dir)).toEqual(['plan.json']);
    },
  );
});
