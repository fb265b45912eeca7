import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failingWriteFs, fsError, nullDevice } from '../src/node/testing.ts';
import { describeFsError, planFilesFromArgv, readTextFile, writeFileAtomic } from './file-io.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'headroom-io-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const target = path.join(dir, 'report.csv');
    const result = await writeFileAtomic(target, 'a,b\n1,2\n');
    expect(result).toEqual({ saved: true, path: target });
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('writes bytes as they are (a PDF from Print / Save as PDF), not as text', async () => {
    const target = path.join(dir, 'report.pdf');
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xe2, 0x00, 0xff, 0xc3, 0x0a]);
    expect(await writeFileAtomic(target, pdf)).toEqual({ saved: true, path: target });
    expect(readFileSync(target).equals(pdf)).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.pdf']);
  });

  it('replaces an existing file', async () => {
    const target = path.join(dir, 'plan.json');
    writeFileSync(target, 'old');
    expect((await writeFileAtomic(target, 'new ✓')).saved).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new ✓');
  });

  it.each(['write', 'sync', 'rename'] as const)(
    'leaves the old file intact and says why when %s fails',
    async (step) => {
      const target = path.join(dir, 'plan.json');
      writeFileSync(target, 'old contents');
      const failingFs = failingWriteFs(step);
      const result = await writeFileAtomic(target, 'new contents', failingFs);
      expect(result.saved).toBe(false);
      expect(result.error).toBeTruthy();
      if (step === 'write') expect(result.error).toBe('The disk is full.');
      if (step === 'rename') expect(result.error).toBe('You do not have permission to write there.');
      expect(readFileSync(target, 'utf8')).toBe('old contents');
      expect(readdirSync(dir)).toEqual(['plan.json']);
    },
  );

  // Issue 8 §7: a save replaced what it wrote to. Every kind of target is in src/node/write-file.test.ts.
  it('keeps a symbolic link a link, a 0600 file 0600 and a hard link linked', async () => {
    const real = path.join(dir, 'real.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o600);
    symlinkSync('real.json', path.join(dir, 'link.json'));
    linkSync(real, path.join(dir, 'hard.json'));
    expect((await writeFileAtomic(path.join(dir, 'link.json'), 'via link')).saved).toBe(true);
    expect(lstatSync(path.join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'hard.json'), 'utf8')).toBe('via link');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect((await writeFileAtomic(real, 'direct')).saved).toBe(true);
    expect(readFileSync(path.join(dir, 'hard.json'), 'utf8')).toBe('direct');
  });

  it('refuses a device from a save dialog, in words', async () => {
    const device = nullDevice(dir);
    expect(await writeFileAtomic(device, 'x')).toEqual({
      saved: false,
      path: device,
      error: 'That is a device, not a file; Headroom saves only to files and pipes.',
    });
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('fails cleanly when the folder is missing or the target is a folder', async () => {
    const missing = await writeFileAtomic(path.join(dir, 'nope', 'plan.json'), 'x');
    expect(missing).toMatchObject({ saved: false, error: 'The folder does not exist any more.' });
    mkdirSync(path.join(dir, 'folder'));
    const folder = await writeFileAtomic(path.join(dir, 'folder'), 'x');
    expect(folder.saved).toBe(false);
    expect(readdirSync(dir)).toEqual(['folder']);
  });
});

describe('describeFsError', () => {
  it('turns error codes into words', () => {
    expect(describeFsError(fsError('EROFS'))).toBe('That location is read-only.');
    expect(describeFsError(new Error('odd'))).toBe('odd');
    expect(describeFsError('???')).toBe('The file could not be written.');
  });
});

describe('readTextFile', () => {
  it('reads UTF-8 text', async () => {
    const file = path.join(dir, 'plan.headroom.json');
    writeFileSync(file, '{"name":"café"}');
    expect(await readTextFile(file, 1000)).toEqual({
      ok: true,
      file: { name: 'plan.headroom.json', contents: '{"name":"café"}' },
    });
  });

  it('refuses files over the limit, folders, missing files and binary data', async () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(2000));
    const tooBig = await readTextFile(big, 1000);
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.error).toMatch(/too large/);
    expect((await readTextFile(dir, 1000)).ok).toBe(false);
    const missing = await readTextFile(path.join(dir, 'none.json'), 1000);
    expect(!missing.ok && missing.error).toBe('none.json does not exist.');
    const binary = path.join(dir, 'bin.json');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await readTextFile(binary, 1000)).ok).toBe(false);
    const nul = path.join(dir, 'nul.json');
    writeFileSync(nul, 'a\0b');
    expect((await readTextFile(nul, 1000)).ok).toBe(false);
  });
});

describe('planFilesFromArgv', () => {
  it('takes .json arguments after the executable, resolved against the working folder', () => {
    expect(planFilesFromArgv(['/opt/Headroom/headroom-desktop', 'plan.json'], '/home/u')).toEqual([
      path.resolve('/home/u', 'plan.json'),
    ]);
    expect(
      planFilesFromArgv(
        [
          'electron',
          '.',
          '--enable-logging',
          'a.headroom.json',
          '/abs/B.JSON',
          'notes.txt',
          'a.headroom.json',
        ],
        '/w',
      ),
    ).toEqual([path.resolve('/w', 'a.headroom.json'), path.resolve('/abs/B.JSON')]);
    expect(planFilesFromArgv(['x.json'], '/w')).toEqual([]);
  });
});
