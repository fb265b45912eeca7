import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileSize, readFileCapped, writeFileAtomic } from './fs.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'headroom-cli-'));

describe('writeFileAtomic', () => {
  it('writes and replaces a file, leaving no temporary file behind', async () => {
    const d = dir();
    const p = join(d, 'report.csv');
    await writeFileAtomic(p, 'first');
    await writeFileAtomic(p, 'second ✓');
    expect(readFileSync(p, 'utf8')).toBe('second ✓');
    expect(readdirSync(d)).toEqual(['report.csv']);
  });

  it('rejects when the folder does not exist and leaves nothing', async () => {
    const d = dir();
    await expect(writeFileAtomic(join(d, 'nope', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('readFileCapped and fileSize', () => {
  it('reads UTF-8 text and refuses more bytes than the cap', async () => {
    const p = join(dir(), 'plan.json');
    writeFileSync(p, '{"name":"café"}');
    expect(await readFileCapped(p, 100)).toBe('{"name":"café"}');
    expect(await fileSize(p)).toBe(16);
    await expect(readFileCapped(p, 10)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('reads standard input as "-", with the same cap', async () => {
    expect(await readFileCapped('-', 100, Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]))).toBe(
      '{"a":1}',
    );
    await expect(readFileCapped('-', 3, Readable.from([Buffer.from('{"a":1}')]))).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    expect(await fileSize('-')).toBe(0);
  });

  it('says a folder is a folder', async () => {
    await expect(fileSize(dir())).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
