// Bytes of a text file → its text, the same way in every front door (the CLI, the desktop app's main process and the
// browser's file picker), so a file opens everywhere or is refused everywhere with the same words. Pure: no imports,
// only the TextDecoder every runtime has.
//
// Accepted: UTF-8 (a leading byte order mark is dropped), and UTF-16 LE or BE *with* a byte order mark (what Windows
// editors write as "Unicode"), decoded rather than refused because the text itself is fine. Refused, with the byte
// offset and line of the first bad byte: invalid UTF-8 (no silent U+FFFD replacement that would change a name),
// unpaired UTF-16 surrogates, UTF-32, and NUL characters (binary data, or UTF-16 without a byte order mark).

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }
  | {
      ok: false;
      /** A sentence for the user, without the file's name (each front door adds it). */
      message: string;
      /** Byte offset (0-based) of the first offending byte, when there is one. */
      offset?: number;
    };

/** 1-based line of a byte offset in UTF-8 bytes (counts LF bytes before it). */
function utf8Line(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function hex(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): DecodeResult {
  const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
  const name = littleEndian ? 'UTF-16 LE' : 'UTF-16 BE';
  if (bytes.length % 2 !== 0) {
    return {
      ok: false,
      message: `is not valid ${name} text: it has an odd number of bytes (the last byte, at offset ${bytes.length - 1}, is half a character)`,
      offset: bytes.length - 1,
    };
  }
  const unit = (i: number) =>
    littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
  let line = 1;
  for (let i = 2; i < bytes.length; i += 2) {
    const u = unit(i);
    if (u === 0x0a) line += 1;
    else if (u === 0) {
      return {
        ok: false,
        message: `is not a text file: it holds a NUL character at byte offset ${i} (line ${line})`,
        offset: i,
      };
    } else if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 2 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) {
        return {
          ok: false,
          message: `is not valid ${name} text: an unpaired surrogate at byte offset ${i} (line ${line})`,
          offset: i,
        };
      }
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return {
        ok: false,
        message: `is not valid ${name} text: an unpaired surrogate at byte offset ${i} (line ${line})`,
        offset: i,
      };
    }
  }
  // Validated above, so the decoder cannot meet anything to replace. BE is swapped to LE: every runtime has the LE
  // decoder, not every one (Node without full ICU) has BE.
  let le = bytes.subarray(2);
  if (!littleEndian) {
    le = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) {
      le[i] = bytes[i + 3]!;
      le[i + 1] = bytes[i + 2]!;
    }
  }
  return { ok: true, text: new TextDecoder('utf-16le').decode(le), encoding };
}

/** Decodes the bytes of a text file; never throws. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const [b0, b1, b2, b3] = bytes;
  if (
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
  ) {
    return { ok: false, message: 'is UTF-32 text, which Headroom does not read: save it as UTF-8' };
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, true);
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, false);

  const start = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  let text: string;
  try {
    // ignoreBOM: the BOM was skipped above; a second one would be content.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(bytes, start);
    const offset = at === -1 ? start : at;
    return {
      ok: false,
      message: `is not UTF-8 text: the byte ${hex(bytes[offset] ?? 0)} at offset ${offset} (line ${utf8Line(bytes, offset)}) is not valid UTF-8; save the file as UTF-8`,
      offset,
    };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const offset = bytes.indexOf(0, start);
    // ASCII text saved as UTF-16 without a byte order mark has a NUL in every other byte.
    const utf16 =
      bytes.length >= 4 && ((b0 !== 0 && b1 === 0 && b3 === 0) || (b0 === 0 && b2 === 0 && b1 !== 0));
    return {
      ok: false,
      message: utf16
        ? 'is not a text file Headroom can read: it looks like UTF-16 without a byte order mark; save it as UTF-8'
        : `is not a text file: it holds a NUL character at byte offset ${offset} (line ${utf8Line(bytes, offset)})`,
      offset,
    };
  }
  return { ok: true, text, encoding: 'utf-8' };
}
