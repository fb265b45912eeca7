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

/**
 * A UTF-8 text file in decoded chunks, for files too large to hold whole (`catalog import`: price lists). A leading
 * byte order mark is dropped; invalid UTF-8 stops the read with a NotTextError naming the byte offset.
 */
export async function* readTextChunks(
  path: string,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  const decodeChunk = (b: Buffer, stream: boolean): string => {
    try {
      return decoder.decode(b, { stream });
    } catch {
      throw new NotTextError(`not UTF-8 text (a bad byte within bytes ${offset}–${offset + b.length})`);
    }
  };
  const handle = path === '-' ? undefined : await open(path, 'r');
  try {
    const source =
      handle === undefined ? stdin : handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 });
    for await (const chunk of source) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const text = decodeChunk(b, true);
      offset += b.length;
      if (text.includes('\0'))
        throw new NotTextError('contains NUL characters: binary data, not a text file');
      if (text !== '') yield text;
    }
    const rest = decodeChunk(Buffer.alloc(0), false);
    if (rest !== '') yield rest;
  } finally {
    await handle?.close();
  }
}
