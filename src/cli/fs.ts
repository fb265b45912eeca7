// The CLI's file access (Node only): size-capped reads (standard input as "-") and atomic writes.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function tooLarge(): Error {
  return Object.assign(new Error('file too large'), { code: 'TOO_LARGE' });
}

export async function fileSize(path: string): Promise<number> {
  if (path === '-') return 0;
  const s = await stat(path);
  if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return s.size;
}

async function readStream(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > maxBytes) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a UTF-8 file, refusing more than maxBytes even if the file grows while it is read. */
export async function readFileCapped(
  path: string,
  maxBytes: number,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  if (path === '-') return readStream(stdin, maxBytes);
  const handle = await open(path, 'r');
  try {
    return await readStream(handle.createReadStream({ autoClose: false }), maxBytes);
  } finally {
    await handle.close();
  }
}

/** Writes via a temporary file in the same folder and a rename, so readers never see a half-written file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
