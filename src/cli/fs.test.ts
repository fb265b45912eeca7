import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileSize, readFileCapped } from './fs.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'headroom-cli-'));

describe('readFileCapped and fileSize', () => {
  it('reads UTF-8 text and refuses more bytes than the cap', async () => {
    const p = join(dir(), 'plan.json');
    writeFileSync(p, '{"name":"café"}');
    expect(await readFileCapped(p, 100)).toBe('{"name":"café"}');
    expect(await fileSize(p)).toBe(16);
    await expect(readFileCapped(p, 10)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('refuses bytes that are not text with code NOT_TEXT (src/text/readers.test.ts has every case)', async () => {
    const p = join(dir(), 'latin1.json');
    writeFileSync(p, Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await expect(readFileCapped(p, 100)).rejects.toMatchObject({
      code: 'NOT_TEXT',
      message: expect.stringMatching(/^is not UTF-8 text: the byte 0xE9 at offset 3/),
    });
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
