// The three front doors read the same bytes the same way: the CLI (src/cli/fs.ts), the desktop app's main process
// (electron/file-io.ts) and the browser's file picker (src/platform/browser.ts). Each fixture either opens with the
// same text in all three or is refused by all three with the same sentence after the file's name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../electron/file-io.ts';
import { readFileCapped } from '../cli/fs.ts';
import { readChosenFile } from '../platform/browser.ts';
import { TEXT_FIXTURES } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'headroom-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { text: string } | { error: string };

async function outcome(read: () => Promise<string>): Promise<Outcome> {
  try {
    return { text: await read() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

describe('every reader decodes a file the same way', () => {
  it.each(TEXT_FIXTURES.map((f, i) => ({ ...f, file: `fixture-${i}.json` })))(
    '$name',
    async ({ bytes, expect: want, file }) => {
      const path = join(dir, file);
      writeFileSync(path, bytes);
      const cli = await outcome(() => readFileCapped(path, 1000));
      const stdin = await outcome(() => readFileCapped('-', 1000, Readable.from([Buffer.from(bytes)])));
      const desktop = await outcome(async () => {
        const r = await readTextFile(path, 1000);
        if (!r.ok) throw new Error(r.error);
        return r.file.contents;
      });
      const browser = await outcome(() =>
        readChosenFile(new File([bytes], file), 1000).then((f) => f.contents),
      );
      if ('text' in want) {
        for (const o of [cli, stdin, desktop, browser]) expect(o).toEqual({ text: want.text });
        return;
      }
      // Same sentence everywhere, each after the file's name in its own style.
      const sentence = 'error' in cli ? cli.error : '';
      expect(sentence).toMatch(want.error);
      expect(stdin).toEqual({ error: sentence });
      expect(desktop).toEqual({ error: `${file} ${sentence}.` });
      expect(browser).toEqual({ error: `"${file}" ${sentence}.` });
    },
  );
});
