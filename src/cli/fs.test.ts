import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileSize, readFileCapped, readTextChunks } from './fs.ts';

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

describe('readTextChunks', () => {
  const all = async (it: AsyncIterable<string>) => {
    let s = '';
    for await (const c of it) s += c;
    return s;
  };

  it('decodes a character split across chunks and drops a byte order mark', async () => {
    const bytes = Buffer.from('\uFEFF"Memory","16 GiB" café', 'utf8');
    const parts = [...bytes].map((b) => Buffer.from([b]));
    expect(await all(readTextChunks('-', Readable.from(parts)))).toBe('"Memory","16 GiB" café');
    const p = join(dir(), 'list.csv');
    writeFileSync(p, bytes);
    expect(await all(readTextChunks(p))).toBe('"Memory","16 GiB" café');
  });

  it('stops at bytes that are not UTF-8 or at NUL characters', async () => {
    await expect(
      all(readTextChunks('-', Readable.from([Buffer.from('ok'), Buffer.from([0xff, 0x41])]))),
    ).rejects.toMatchObject({
      code: 'NOT_TEXT',
      message: 'not UTF-8 text (a bad byte within bytes 2–4)',
    });
    await expect(all(readTextChunks('-', Readable.from([Buffer.from('a\0b')])))).rejects.toMatchObject({
      code: 'NOT_TEXT',
    });
  });
});
