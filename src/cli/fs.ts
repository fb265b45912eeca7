// The CLI's file access (Node only): size-capped reads (standard input as "-"), decoded like every other front door.
import { open, stat } from 'node:fs/promises';
import { decodeText } from '../text/decode.ts';

function tooLarge(): Error {
  return Object.assign(new Error('file too large'), { code: 'TOO_LARGE' });
}

export async function fileSize(path: string): Promise<number> {
  if (path === '-') return 0;
  const s = await stat(path);
  if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return s.size;
}

async function readStream(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > maxBytes) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The file is not text Headroom reads (bad UTF-8, NUL bytes …); the message reads after the file's name. */
export class NotTextError extends Error {
  readonly code = 'NOT_TEXT';
}

function decode(bytes: Buffer): string {
  const r = decodeText(bytes);
  if (!r.ok) throw new NotTextError(r.message);
  return r.text;
}

/** Reads a text file (see src/text/decode.ts), refusing more than maxBytes even if the file grows while it is read. */
export async function readFileCapped(
  path: string,
  maxBytes: number,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  if (path === '-') return decode(await readStream(stdin, maxBytes));
  const handle = await open(path, 'r');
  try {
    return decode(await readStream(handle.createReadStream({ autoClose: false }), maxBytes));
  } finally {
    await handle.close();
  }
}
